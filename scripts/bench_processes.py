#!/usr/bin/env python3
"""CPU, wall time and peak RSS of whole processes, several commands interleaved; used by scripts/bench.sh.

    bench_processes.py RUSAGE_RUN RUNS NAME EXPECT COMMAND [NAME EXPECT COMMAND ...]

Runs each COMMAND (a shell-quoted string, split with shlex, run without a shell) RUNS times, the commands taking
turns and the order rotated every run. Each run must exit 0 with stdout matching the regular expression EXPECT, or
the script exits 1 with the reason. Every run goes through RUSAGE_RUN (scripts/rusage_run.c, built by bench.sh),
which reaps the command with wait4() and reports that process's own user + system CPU (what a
getrusage(RUSAGE_CHILDREN) delta gives, µs resolution), its peak RSS (ru_maxrss; a child of this Python process
would inherit Python's high-water mark) and its wall time. Prints one line per command with medians, and with two
commands or more the ratio of the first's median CPU to the second's. Python 3 standard library only.
"""
import re
import shlex
import statistics
import subprocess
import sys
import tempfile


def run_once(rusage_run, command):
    """Runs `command` to its end; returns (exit code, stdout, stderr, cpu ms, wall ms, peak RSS in KiB)."""
    with tempfile.NamedTemporaryFile(mode="r") as report:
        done = subprocess.run([rusage_run, report.name, *command], capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, errors="replace")
        fields = dict(item.split("=") for item in report.read().split())
    if not fields:
        return done.returncode, done.stdout, done.stderr, 0.0, 0.0, 0
    return (done.returncode, done.stdout, done.stderr, int(fields["cpu_us"]) / 1000, int(fields["wall_us"]) / 1000,
            int(fields["maxrss_kib"]))


def main():
    if len(sys.argv) < 6 or (len(sys.argv) - 3) % 3:
        sys.exit(__doc__.split("\n\n")[1])
    rusage_run, runs = sys.argv[1], int(sys.argv[2])
    tools = [(name, re.compile(expect), shlex.split(command))
             for name, expect, command in zip(*[iter(sys.argv[3:])] * 3)]
    samples = {name: {"cpu": [], "wall": [], "rss": []} for name, _, _ in tools}
    for i in range(runs):
        for name, expect, command in tools[i % len(tools):] + tools[:i % len(tools)]:
            code, out, err, cpu, wall, rss = run_once(rusage_run, command)
            if code != 0 or not expect.search(out):
                sys.exit(f"bench: {name} run {i} (exit {code}) did not succeed: {out.strip()[:300]} {err.strip()[:300]}")
            samples[name]["cpu"].append(cpu)
            samples[name]["wall"].append(wall)
            samples[name]["rss"].append(rss)
    for name, _, _ in tools:
        s = samples[name]
        print(f"{name}: runs={runs} (all OK) cpu_ms_median={statistics.median(s['cpu']):.2f}"
              f" cpu_ms_min={min(s['cpu']):.2f} cpu_ms_max={max(s['cpu']):.2f}"
              f" wall_ms_median={statistics.median(s['wall']):.2f}"
              f" peak_rss_mb_median={statistics.median(s['rss']) * 1024 / 1e6:.1f}")
    if len(tools) >= 2:
        (a, _, _), (b, _, _) = tools[:2]
        ca, cb = statistics.median(samples[a]["cpu"]), statistics.median(samples[b]["cpu"])
        print(f"ratio {a} / {b} CPU per process = {ca / cb:.2f} ({ca:.2f} / {cb:.2f} ms)")


if __name__ == "__main__":
    main()
