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


def password(path):
    """The file's first line, without its line break."""
    with open(path, encoding="utf-8") as f:
        return f.read().rstrip("\r\n")


def client_context(ca_file):
    """One TLS context for every session, as imapwatch shares one per configuration: the system store plus the
    test CA, certificate and host name verified (the test certificates name 127.0.0.1), TLS 1.2 at least."""
    import ssl

    context = ssl.create_default_context(cafile=ca_file)
    context.load_default_certs()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def figures(unit, count, cpu_total, walls, wall_total):
    """The end of the result line the bench scripts read: CPU per `unit`, wall median and p90, the totals."""
    return (
        f" cpu_ms_per_{unit}={cpu_total / count:.3f}"
        f" wall_ms_median={percentile(walls, 0.5):.3f} wall_ms_p90={percentile(walls, 0.9):.3f}"
        f" cpu_ms_total={cpu_total:.1f} wall_ms_total={wall_total:.1f}"
    )
