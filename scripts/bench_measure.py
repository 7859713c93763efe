"""What the Python baselines of the benchmarks share: CPU of the process, the nearest-rank percentile, and the
measured runs after warm-up ones (scripts/bench_imaplib.py, scripts/bench_mailflow.py)."""
import resource
import sys
import time


def cpu_ms():
    """User + system CPU of the whole process, in milliseconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


def percentile(values, p):
    """The nearest-rank percentile, as the Swift benchmarks compute it."""
    ordered = sorted(values)
    rank = max(1, -(-int(p * 100) * len(ordered) // 100))
    return ordered[min(len(ordered), rank) - 1]


def measured_runs(run, count, warmup, name):
    """Runs `run(index)` `warmup` times unmeasured, then `count` times measured; returns the process CPU over the
    measured runs, each one's wall time in milliseconds, and their total. Any exception ends the program with its
    reason, as a failed probe or loop ends the Swift benchmarks."""

    def guarded(index):
        try:
            run(index)
        except Exception as error:  # any failure ends the benchmark with its reason
            print(f"{name}: run {index} failed: {type(error).__name__}: {error}", file=sys.stderr)
            sys.exit(1)

    for i in range(warmup):
        guarded(-1 - i)
    walls = []
    cpu_before = cpu_ms()
    wall_before = time.perf_counter()
    for i in range(count):
        began = time.perf_counter()
        guarded(i)
        walls.append((time.perf_counter() - began) * 1000)
    return cpu_ms() - cpu_before, walls, (time.perf_counter() - wall_before) * 1000
