// Runs a command and reports that process's own resource use; scripts/bench.sh builds it for bench_processes.py.
//
//   rusage_run REPORT_FILE COMMAND [ARGUMENT...]
//
// Writes "cpu_us=<user + system µs> maxrss_kib=<peak RSS> wall_us=<start to reaped>" to REPORT_FILE and exits with
// the command's exit code (127 if it could not be started). Linux keeps a process's RSS high-water mark across
// exec, so a command started by a large process (Python) would report the parent's size: this small wrapper's
// own peak RSS is the floor of what it can report.
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long microseconds(struct timeval t) { return (long long)t.tv_sec * 1000000 + t.tv_usec; }

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: rusage_run REPORT_FILE COMMAND [ARGUMENT...]\n");
        return 64;
    }
    struct timespec began, ended;
    clock_gettime(CLOCK_MONOTONIC, &began);
    pid_t child = fork();
    if (child < 0) {
        perror("rusage_run: fork");
        return 127;
    }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror("rusage_run: exec");
        _exit(127);
    }
    int status;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) != child) {
        perror("rusage_run: wait4");
        return 127;
    }
    clock_gettime(CLOCK_MONOTONIC, &ended);
    FILE *report = fopen(argv[1], "w");
    if (!report) {
        perror("rusage_run: report file");
        return 127;
    }
    fprintf(report, "cpu_us=%lld maxrss_kib=%ld wall_us=%lld\n", microseconds(usage.ru_utime) + microseconds(usage.ru_stime),
            usage.ru_maxrss, (long long)(ended.tv_sec - began.tv_sec) * 1000000 + (ended.tv_nsec - began.tv_nsec) / 1000);
    fclose(report);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
