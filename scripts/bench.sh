#!/usr/bin/env bash
# The benchmark (issue #2): prints numbers, asserts nothing about them.
#
#   bash scripts/bench.sh
#
# Starts its own Dovecot in login-process-reuse mode (IMAPWATCH_DOVECOT_PERF=1) on loopback, stops it on exit,
# and prints:
#   1. agent CPU ms per full probe in one process (ProbeBench, release): STARTTLS and implicit TLS, each
#      $BENCH_PROBES probes after one warm-up, getrusage(RUSAGE_SELF) of the whole process; wall median/p90;
#   2. CPU ms per `imapwatch check` process (release), $BENCH_CHECKS runs, each child's user+sys from
#      getrusage(RUSAGE_CHILDREN) deltas (µs resolution; /usr/bin/time's %U/%S only has 10 ms);
#   3. the same dialogue with Python's imaplib, $BENCH_PROBES probes in one process, and the ratio
#      imaplib / imapwatch of in-process CPU per probe.
# Every probe must succeed: a failed probe or check stops the script with a non-zero exit and the reason.
#
# Env knobs: BENCH_PROBES (200), BENCH_CHECKS (30), IMAPWATCH_BENCH_DIR (/tmp/imapwatch-bench, the Dovecot
# state), IMAPWATCH_BENCH_IMAP_PORT (30143), IMAPWATCH_BENCH_IMAPS_PORT (30993),
# IMAPWATCH_BENCH_NOSTARTTLS_PORT (30144).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

probes=${BENCH_PROBES:-200}
checks=${BENCH_CHECKS:-30}
export IMAPWATCH_TEST_DIR=${IMAPWATCH_BENCH_DIR:-/tmp/imapwatch-bench}
export IMAPWATCH_TEST_IMAP_PORT=${IMAPWATCH_BENCH_IMAP_PORT:-30143}
export IMAPWATCH_TEST_IMAPS_PORT=${IMAPWATCH_BENCH_IMAPS_PORT:-30993}
export IMAPWATCH_TEST_NOSTARTTLS_PORT=${IMAPWATCH_BENCH_NOSTARTTLS_PORT:-30144}
export IMAPWATCH_DOVECOT_PERF=1

bash scripts/bootstrap-debian.sh
echo "bench: building release (ProbeBench, imapwatch)" >&2
# As shipped: release, with the Swift runtime linked statically (it starts faster: no dozen shared libraries).
swift build -c release --static-swift-stdlib --product ProbeBench >&2
swift build -c release --static-swift-stdlib --product imapwatch >&2
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

bash scripts/dovecot-test.sh start >&2
trap 'bash scripts/dovecot-test.sh stop >&2' EXIT
eval "$(bash scripts/dovecot-test.sh env)"
host=$IMAPWATCH_TEST_HOST
ca=$IMAPWATCH_TEST_CA
user=$IMAPWATCH_TEST_USER
pwfile=$IMAPWATCH_TEST_PASSWORD_FILE

# "name=value" out of a result line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

echo "== host: $(nproc) CPUs, $(uname -srm), $(openssl version), $(python3 --version)"
echo "== Dovecot $(dovecot --version | cut -d' ' -f1), login-process reuse; every probe: TLS (verified), LOGIN," \
    "EXAMINE INBOX, FETCH newest <0.1024>, GETQUOTAROOT, LOGOUT"

echo
echo "== 1. imapwatch in-process (ProbeBench, $probes probes, one process)"
declare -A swift_cpu
for mode in starttls implicit; do
    port=$IMAPWATCH_TEST_IMAP_PORT
    [[ $mode == implicit ]] && port=$IMAPWATCH_TEST_IMAPS_PORT
    line=$("$bin/ProbeBench" --host "$host" --port "$port" --tls "$mode" --ca-file "$ca" --user "$user" \
        --password-file "$pwfile" --count "$probes")
    echo "$line"
    swift_cpu[$mode]=$(field "$line" cpu_ms_per_probe)
done

echo
echo "== 2. imapwatch check, one process per probe ($checks runs each)"
# The trust store: with SSL_CERT_FILE set (as on this machine) OpenSSL parses that whole bundle in every
# process; without it the hashed directory is searched lazily, one issuer at a time.
echo "(SSL_CERT_FILE is ${SSL_CERT_FILE:-unset})"
for trust in environment hashed-directory; do
for mode in starttls implicit; do
    port=$IMAPWATCH_TEST_IMAP_PORT
    [[ $mode == implicit ]] && port=$IMAPWATCH_TEST_IMAPS_PORT
    unset_file=()
    [[ $trust == hashed-directory ]] && unset_file=(-u SSL_CERT_FILE)
    env "${unset_file[@]}" python3 - "$checks" "$mode/$trust" "$port" "$bin/imapwatch" check -H "$host" -p "$port" --tls "$mode" \
        --ca-file "$ca" -u "$user" --password-file "$pwfile" <<'PY'
import resource, statistics, subprocess, sys, time
runs, mode, port, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
cpu, wall = [], []
for i in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall.append((time.perf_counter() - began) * 1000)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    # The full dialogue ran only if the check is OK and reports fetch and quota timings.
    if done.returncode != 0 or not done.stdout.startswith("IMAP OK") or "'fetch'=" not in done.stdout \
            or "'quota'=" not in done.stdout:
        sys.exit(f"bench: check run {i} (exit {done.returncode}) did not complete the dialogue: "
                 f"{done.stdout.strip()[:300]} {done.stderr.strip()[:300]}")
print(f"tls={mode} port={port} runs={runs} (all OK) cpu_ms_median={statistics.median(cpu):.2f}"
      f" cpu_ms_min={min(cpu):.2f} cpu_ms_max={max(cpu):.2f} wall_ms_median={statistics.median(wall):.2f}")
PY
done
done

echo
echo "== 3. Python imaplib, the same dialogue ($probes probes, one process)"
for mode in starttls implicit; do
    port=$IMAPWATCH_TEST_IMAP_PORT
    [[ $mode == implicit ]] && port=$IMAPWATCH_TEST_IMAPS_PORT
    line=$(python3 scripts/bench_imaplib.py --host "$host" --port "$port" --tls "$mode" --ca-file "$ca" \
        --user "$user" --password-file "$pwfile" --count "$probes")
    echo "$line"
    python_cpu=$(field "$line" cpu_ms_per_probe)
    awk -v p="$python_cpu" -v s="${swift_cpu[$mode]}" -v m="$mode" \
        'BEGIN { printf "ratio tls=%s imaplib/imapwatch in-process CPU per probe = %.2f (%.3f / %.3f ms)\n", m, p / s, p, s }'
done

echo
echo "== targets (issue #2): <= 1.0 ms agent CPU per probe in-process; <= 10 ms CPU per check process"
