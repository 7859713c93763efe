#!/usr/bin/env bash
# The benchmark (issues #2 and #12): prints numbers, asserts nothing about them.
#
#   bash scripts/bench.sh
#
# Installs the bench-only packages (bootstrap-debian.sh --bench: check_simap), builds in release, starts its own
# Dovecot in login-process-reuse mode (IMAPWATCH_DOVECOT_PERF=1) on loopback, stops it on exit, and prints:
#   1. CPU ms per full probe in one process, for STARTTLS and implicit TLS: the minimal C client (CProbeClient, the
#      yardstick), the same C client built the way imapwatch's transport is (C-evented: CProbeClient --io evented,
#      a non-blocking socket on epoll and OpenSSL over memory BIOs, so C-evented/C is what that design costs with
#      no Swift in it), imapwatch's prober (ProbeBench), Python's imaplib (bench_imaplib.py) and the transport floor
#      (ProbeBench --mode floor: the same commands over imapwatch's connection, event loop and TLS handler with no
#      parser, transcript or result, so prober minus floor is what the prober adds) and the floor of the stack (NIO:
#      NIOFloor --tls, the C client's dialogue by one NIO channel handler over OpenSSL with memory BIOs, futures, no
#      async/await and nothing of imapwatch's code: what the decided stack costs at its leanest) and the same with
#      the prober's own work (NIO-product: NIOFloor --work product, which also parses every response with
#      IMAPProtocol and reads the certificate facts with Transport: the probe as the product would cost if its
#      dialogue ran as the floor's does) and the prober called from a task on its event loop (imapwatch-loop:
#      ProbeBench --caller loop, every probe from one task on the loop its connections use; the default caller is
#      the main actor, which hops into the prober and back for every probe as any caller on another executor
#      does), interleaved in
#      $BENCH_ROUNDS rounds of $BENCH_PROBES probes each (after one warm-up probe), the order rotated every round;
#      each figure is getrusage(RUSAGE_SELF) of the whole process around its measured probes. Per tool the median
#      over rounds, then the ratios imapwatch/C, imaplib/C, imapwatch/imaplib, floor/C, C-evented/C,
#      floor/C-evented, NIO/C, floor/NIO, imapwatch/NIO, NIO-product/C, imapwatch/NIO-product,
#      imapwatch-loop/C, imapwatch-loop/NIO-product and imapwatch/imapwatch-loop (what the hops cost), each as
#      the ratio of the two medians and as the median of the rounds' own ratios ("paired by round");
#   1b. what the floor is made of, in plaintext (no TLS) on the STARTTLS port with the STARTTLS probe's round trips
#      (greeting, 6 NOOPs, LOGOUT), interleaved the same way: the C client (CProbeClient --tls none, blocking and
#      evented), NIO alone (NIOFloor: futures and a channel handler; NIO's own async/await NIOAsyncChannel) and
#      imapwatch's transport (ProbeBench --mode floor-plain); then what each layer adds per dialogue, the TLS work
#      of C and of the transport (each probe minus its plaintext round trips), and the floor of any async/await
#      client on NIO doing the C client's TLS work, as a ratio to the C client;
#   1c. user-space instructions per full probe (valgrind's callgrind, the tools of section 1 but imaplib, one
#      process each at 10 and at 40 probes: the difference over 30, so start-up cancels out). Instructions are
#      counted, not timed: the figure does not move with the machine's load, where CPU time does by 10% and more, so it
#      shows a change of 1% that section 1 cannot. It leaves out the kernel's work (system calls, thread wake-ups)
#      and how fast the instructions run, which section 1 includes. Then section 1b's plaintext dialogue counted the
#      same way, and what NIO, NIO's async/await and the transport add per dialogue;
#   2. CPU ms per `imapwatch check` process (release), $BENCH_CHECKS runs, each child's user+sys from
#      getrusage(RUSAGE_CHILDREN) deltas (µs resolution; /usr/bin/time's %U/%S only has 10 ms), with the trust store
#      from SSL_CERT_FILE and from the hashed directory;
#   3. `imapwatch check` (full dialogue, implicit TLS, SSL_CERT_FILE unset) against the Monitoring Plugins'
#      check_simap (TLS and banner only), $BENCH_CHECKS runs each, interleaved: median CPU per process and the ratio;
#   4. the start-up floor: `imapwatch --version`, a static Swift "hello world" built here, and that hello linked
#      with the shared libraries imapwatch loads at start (the floor of any process of it), $BENCH_STARTS runs
#      each: median CPU per process and peak RSS (ru_maxrss of the child);
#   5. the size of the release imapwatch (static Swift runtime) and of a stripped copy, in MB (10^6 bytes);
#   6. only with BENCH_SERVE=1 (it takes about 10 minutes more): scripts/bench-serve.sh, `imapwatch serve` at 1,000
#      and 10,000 targets with the default configuration against blackbox_exporter (its own responder, no Dovecot).
# Sections 3 and 4 time each process through scripts/rusage_run.c (built here) with scripts/bench_processes.py.
# Every probe and check must succeed: a failed one stops the script with a non-zero exit and the reason.
#
# Env knobs: BENCH_PROBES (200), BENCH_ROUNDS (5), BENCH_CHECKS (30), BENCH_STARTS (50), BENCH_SERVE (0; 1 runs
# section 6), IMAPWATCH_BENCH_DIR (/tmp/imapwatch-bench, the Dovecot state), IMAPWATCH_BENCH_IMAP_PORT (30143),
# IMAPWATCH_BENCH_IMAPS_PORT (30993), IMAPWATCH_BENCH_NOSTARTTLS_PORT (30144).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

probes=${BENCH_PROBES:-200}
rounds=${BENCH_ROUNDS:-5}
checks=${BENCH_CHECKS:-30}
starts=${BENCH_STARTS:-50}
serve=${BENCH_SERVE:-0}
export IMAPWATCH_TEST_DIR=${IMAPWATCH_BENCH_DIR:-/tmp/imapwatch-bench}
export IMAPWATCH_TEST_IMAP_PORT=${IMAPWATCH_BENCH_IMAP_PORT:-30143}
export IMAPWATCH_TEST_IMAPS_PORT=${IMAPWATCH_BENCH_IMAPS_PORT:-30993}
export IMAPWATCH_TEST_NOSTARTTLS_PORT=${IMAPWATCH_BENCH_NOSTARTTLS_PORT:-30144}
export IMAPWATCH_DOVECOT_PERF=1

bash scripts/bootstrap-debian.sh --bench
plugins=/usr/lib/nagios/plugins
echo "bench: building release (CProbeClient, ProbeBench, NIOFloor, imapwatch)" >&2
# As shipped (scripts/build-release.sh): release, the Swift runtime linked statically, the same linker flags.
bin="$(bash scripts/build-release.sh CProbeClient ProbeBench NIOFloor imapwatch)"

# The start-up floor and the process timer, built in a temporary directory removed on exit.
tmp=$(mktemp -d)
dovecot_started=0
cleanup() {
    ((dovecot_started)) && bash scripts/testbed.sh stop >&2
    rm -rf "$tmp"
}
trap cleanup EXIT
echo 'print("hello")' >"$tmp/hello.swift"
swiftc -O -static-stdlib "$tmp/hello.swift" -o "$tmp/hello" >&2
# The same hello linked with the shared libraries imapwatch loads at start (OpenSSL, libyaml, zlib): what loading
# them costs every process, whatever it then does.
swiftc -O -static-stdlib "$tmp/hello.swift" -o "$tmp/hello-libs" -Xlinker --no-as-needed -lssl -lcrypto -lyaml -lz >&2
# The toolchain's own clang, so nothing beyond what builds the package is needed.
"$(dirname "$(readlink -f "$(command -v swiftc)")")/clang" -O2 -Wall -o "$tmp/rusage_run" scripts/rusage_run.c >&2

IMAPWATCH_TEST_MTA=0 bash scripts/testbed.sh start >&2
dovecot_started=1
eval "$(bash scripts/testbed.sh env)"
host=$IMAPWATCH_TEST_HOST
ca=$IMAPWATCH_TEST_CA
user=$IMAPWATCH_TEST_USER
pwfile=$IMAPWATCH_TEST_PASSWORD_FILE

# "name=value" out of a result line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
# The arguments as one shell-quoted string (bench_processes.py splits it again).
quoted() { printf '%q ' "$@"; }
# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== host: $(nproc) CPUs, $(uname -srm), $(openssl version), $(python3 --version); $(date -u '+%Y-%m-%d %H:%M') UTC"
echo "== Dovecot $(dovecot --version | cut -d' ' -f1), login-process reuse; every probe: TLS (verified)," \
    "AUTHENTICATE PLAIN (imaplib: LOGIN), EXAMINE INBOX, FETCH newest <0.1024>, GETQUOTAROOT, LOGOUT"

echo
echo "== 1. CPU per full probe in one process: C client (blocking, and C-evented: epoll and memory BIOs)," \
    "imapwatch (ProbeBench), imaplib, the transport floor (ProbeBench --mode floor: the same dialogue over" \
    "imapwatch's connection and TLS handler, no prober) and the stack's floor (NIO: NIOFloor --tls, one channel" \
    "handler over OpenSSL memory BIOs, futures, nothing of imapwatch) and that floor with the prober's own work" \
    "(NIO-product: NIOFloor --work product, every response parsed and the certificate facts read by imapwatch's code);" \
    "$rounds rounds of $probes probes each, interleaved, order rotated per round"
# Runs the tools named after `label` (shell-quoted commands in the associative array `tool`) in $rounds
# interleaved rounds, the order rotated every round; prints each round and each tool's median and leaves the
# medians in `med` and each tool's rounds, in order, in `runs`.
declare -A tool=() med=() runs=()
interleave() {
    local label=$1 names=("${@:2}") round k name line
    declare -A cpu=() wall=()
    for ((round = 0; round < rounds; round++)); do
        local report="round $((round + 1)) $label cpu_ms_per_probe:"
        for ((k = 0; k < ${#names[@]}; k++)); do
            name=${names[(round + k) % ${#names[@]}]}
            line=$(eval "${tool[$name]}")
            cpu[$name]+=" $(field "$line" cpu_ms_per_probe)"
            wall[$name]+=" $(field "$line" wall_ms_median)"
            report+=" $name=$(field "$line" cpu_ms_per_probe)"
        done
        echo "$report"
    done
    for name in "${names[@]}"; do
        med[$name]=$(median ${cpu[$name]})
        runs[$name]=${cpu[$name]}
        echo "$label $name: cpu_ms_per_probe_median=${med[$name]} (rounds:${cpu[$name]})" \
            "wall_ms_median=$(median ${wall[$name]})"
    done
}
# "label a/b": the ratio of two medians, then the median of the rounds' own ratios (a and b ran in the same round,
# so a load that comes and goes moves both; this one varies less from run to run).
ratio() {
    local a=${2%/*} b=${2#*/} paired
    paired=$(median $(paste -d' ' <(printf '%s\n' ${runs[$a]}) <(printf '%s\n' ${runs[$b]}) | awk '{ print $1 / $2 }'))
    awk -v a="${med[$a]}" -v b="${med[$b]}" -v l="$1" -v p="$2" -v r="$paired" \
        'BEGIN { printf "ratio %s %s CPU per probe = %.2f (%.3f / %.3f ms); paired by round %.2f\n", l, p, a / b, a, b, r }'
}

for mode in starttls implicit; do
    port=$IMAPWATCH_TEST_IMAP_PORT
    [[ $mode == implicit ]] && port=$IMAPWATCH_TEST_IMAPS_PORT
    options=(--host "$host" --port "$port" --tls "$mode" --ca-file "$ca" --user "$user" --password-file "$pwfile"
        --count "$probes")
    tool=(
        [C]=$(quoted "$bin/CProbeClient" "${options[@]}")
        [C-evented]=$(quoted "$bin/CProbeClient" "${options[@]}" --io evented)
        [imapwatch]=$(quoted "$bin/ProbeBench" "${options[@]}")
        [imapwatch-loop]=$(quoted "$bin/ProbeBench" "${options[@]}" --caller loop)
        [imaplib]=$(quoted python3 scripts/bench_imaplib.py "${options[@]}")
        [floor]=$(quoted "$bin/ProbeBench" "${options[@]}" --mode floor)
        [NIO]=$(quoted "$bin/NIOFloor" --host "$host" --port "$port" --tls "$mode" --ca-file "$ca" --user "$user" \
            --password-file "$pwfile" --count "$probes")
        [NIO-product]=$(quoted "$bin/NIOFloor" --host "$host" --port "$port" --tls "$mode" --ca-file "$ca" \
            --user "$user" --password-file "$pwfile" --count "$probes" --work product)
    )
    interleave "tls=$mode" C C-evented imapwatch imapwatch-loop imaplib floor NIO NIO-product
    for pair in imapwatch/C imapwatch-loop/C imaplib/C imapwatch/imaplib floor/C C-evented/C floor/C-evented \
        imapwatch/C-evented NIO/C floor/NIO imapwatch/NIO NIO-product/C imapwatch/NIO-product \
        imapwatch-loop/NIO-product imapwatch/imapwatch-loop; do
        ratio "tls=$mode" "$pair"
    done
    [[ $mode == starttls ]] && declare -A tls_med=([C]=${med[C]} [C-evented]=${med[C-evented]} [floor]=${med[floor]})
done

echo
echo "== 1b. what the floor is made of: the STARTTLS probe's round trips (greeting, 6 NOOPs, LOGOUT) in plaintext on" \
    "the STARTTLS port, no TLS: the C client (blocking; evented), NIO alone (NIOFloor: futures and a handler; NIO's" \
    "own async/await channel), and the agent's transport (ProbeBench --mode floor-plain, as the prober uses it);" \
    "$rounds rounds of $probes, interleaved"
plain=(--host "$host" --port "$IMAPWATCH_TEST_IMAP_PORT" --commands 7 --count "$probes")
tool=(
    [C-plain]=$(quoted "$bin/CProbeClient" --tls none "${plain[@]}")
    [C-evented-plain]=$(quoted "$bin/CProbeClient" --tls none "${plain[@]}" --io evented)
    [NIO-futures]=$(quoted "$bin/NIOFloor" "${plain[@]}")
    [NIO-async]=$(quoted "$bin/NIOFloor" "${plain[@]}" --api async)
    [transport-plain]=$(quoted "$bin/ProbeBench" "${plain[@]}" --tls starttls --ca-file "$ca" --user "$user" \
        --password-file "$pwfile" --mode floor-plain)
)
interleave plaintext C-plain C-evented-plain NIO-futures NIO-async transport-plain
awk -v cp="${med[C-evented-plain]}" -v nf="${med[NIO-futures]}" -v na="${med[NIO-async]}" \
    -v tp="${med[transport-plain]}" -v c="${tls_med[C]}" -v ce="${tls_med[C-evented]}" -v fl="${tls_med[floor]}" '
BEGIN {
    printf "per STARTTLS dialogue: NIO alone over C evented %+.3f ms; NIO async/await over NIO futures %+.3f ms;" \
        " the transport over NIO async/await %+.3f ms\n", nf - cp, na - nf, tp - na
    printf "TLS work (the STARTTLS probe minus its plaintext round trips): C evented %.3f ms; the transport floor" \
        " %.3f ms (%+.3f ms)\n", ce - cp, fl - tp, (fl - tp) - (ce - cp)
    printf "floor of an async/await client on NIO with the C client'"'"'s TLS work: (C + NIO async - C evented plain) / C" \
        " = %.2f; with NIO futures: %.2f\n", (c + na - cp) / c, (c + nf - cp) / c
}'

echo
echo "== 1c. user-space instructions per full probe (callgrind; the difference between 40 and 10 probes, over 30)"
# valgrind cannot read the debug information of the Swift binaries: it runs copies without it.
mkdir -p "$tmp/nodebug"
for name in CProbeClient ProbeBench NIOFloor; do objcopy --strip-debug "$bin/$name" "$tmp/nodebug/$name"; done
# The instructions one process executes, from callgrind's summary line.
instructions() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
# The instructions of one run of the command's dialogue: 40 runs minus 10, over 30, so start-up cancels out.
per_run() {
    local few many
    few=$(instructions "$@" --count 10)
    many=$(instructions "$@" --count 40)
    echo $(((many - few) / 30))
}
for mode in starttls implicit; do
    port=$IMAPWATCH_TEST_IMAP_PORT
    [[ $mode == implicit ]] && port=$IMAPWATCH_TEST_IMAPS_PORT
    options=(--host "$host" --port "$port" --tls "$mode" --ca-file "$ca" --user "$user" --password-file "$pwfile")
    declare -A per_probe=()
    for name in C NIO NIO-product floor imapwatch imapwatch-loop; do
        case $name in
            C) command=("$tmp/nodebug/CProbeClient" "${options[@]}") ;;
            NIO) command=("$tmp/nodebug/NIOFloor" "${options[@]}") ;;
            NIO-product) command=("$tmp/nodebug/NIOFloor" "${options[@]}" --work product) ;;
            floor) command=("$tmp/nodebug/ProbeBench" "${options[@]}" --mode floor) ;;
            imapwatch) command=("$tmp/nodebug/ProbeBench" "${options[@]}") ;;
            imapwatch-loop) command=("$tmp/nodebug/ProbeBench" "${options[@]}" --caller loop) ;;
        esac
        per_probe[$name]=$(per_run "${command[@]}")
        echo "tls=$mode $name: instructions_per_probe=${per_probe[$name]}"
    done
    for pair in imapwatch/C imapwatch-loop/C floor/C NIO/C NIO-product/C imapwatch/NIO imapwatch/NIO-product \
        imapwatch-loop/NIO-product; do
        awk -v a="${per_probe[${pair%/*}]}" -v b="${per_probe[${pair#*/}]}" -v l="tls=$mode $pair" \
            'BEGIN { printf "ratio %s instructions per probe = %.3f (%.2f M / %.2f M)\n", l, a / b, a / 1e6, b / 1e6 }'
    done
done
# Section 1b's plaintext dialogue counted the same way: what NIO, NIO's async/await and the transport's async/await
# cost per dialogue of 8 round trips, with no TLS around them.
plain=(--host "$host" --port "$IMAPWATCH_TEST_IMAP_PORT" --commands 7)
declare -A per_dialogue=()
for name in C-plain NIO-futures NIO-async transport-plain; do
    case $name in
        C-plain) command=("$tmp/nodebug/CProbeClient" --tls none "${plain[@]}") ;;
        NIO-futures) command=("$tmp/nodebug/NIOFloor" "${plain[@]}") ;;
        NIO-async) command=("$tmp/nodebug/NIOFloor" "${plain[@]}" --api async) ;;
        transport-plain) command=("$tmp/nodebug/ProbeBench" "${plain[@]}" --tls starttls --ca-file "$ca" --user "$user" \
            --password-file "$pwfile" --mode floor-plain) ;;
    esac
    per_dialogue[$name]=$(per_run "${command[@]}")
    echo "plaintext $name: instructions_per_dialogue=${per_dialogue[$name]}"
done
echo "per plaintext dialogue: NIO over C $((per_dialogue[NIO-futures] - per_dialogue[C-plain]));" \
    "NIO async/await over NIO futures $((per_dialogue[NIO-async] - per_dialogue[NIO-futures]));" \
    "the transport over NIO futures $((per_dialogue[transport-plain] - per_dialogue[NIO-futures])) instructions"

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
echo "== 3. imapwatch check (full dialogue) vs check_simap (TLS + banner), implicit TLS, SSL_CERT_FILE unset," \
    "$checks runs each, interleaved"
# check_simap cannot verify the server: the Monitoring Plugins leave OpenSSL at SSL_VERIFY_NONE and have no CA
# option, so it is run as usually configured, `-H -p` only: TLS handshake, read the "* OK" banner, "a1 LOGOUT".
# (-D would add an expiry check of the leaf certificate, still without any chain or name check.)
# imapwatch check verifies chain and name against the test CA and runs the whole dialogue.
# The floor of any process on this stack doing that dialogue, from three more processes in the same interleaved
# runs: NIO alone (NIOFloor, linked with OpenSSL as imapwatch is) speaking the implicit-TLS probe's round trips in
# plaintext (greeting, 4 NOOPs, LOGOUT), plus the TLS work of a process (the C client's full implicit-TLS probe,
# trust store from the hashed directory as imapwatch's without SSL_CERT_FILE, minus its plaintext round trips).
port=$IMAPWATCH_TEST_IMAPS_PORT
once=(--count 1 --warmup 0)
processes=$(env -u SSL_CERT_FILE python3 scripts/bench_processes.py "$tmp/rusage_run" "$checks" \
    "imapwatch check" "^IMAP OK.*'fetch'=.*'quota'=" \
    "$(quoted "$bin/imapwatch" check -H "$host" -p "$port" --tls implicit --ca-file "$ca" -u "$user" \
        --password-file "$pwfile")" \
    check_simap "^SIMAP OK" "$(quoted "$plugins/check_simap" -H "$host" -p "$port")" \
    "NIO alone, plaintext" "all ok" "$(quoted "$bin/NIOFloor" --host "$host" --port "$IMAPWATCH_TEST_IMAP_PORT" \
        --commands 5 "${once[@]}")" \
    "C client, implicit TLS" "all ok" "$(quoted "$bin/CProbeClient" --host "$host" --port "$port" --tls implicit \
        --ca-file "$ca" --user "$user" --password-file "$pwfile" --trust-store directory "${once[@]}")" \
    "C client, plaintext" "all ok" "$(quoted "$bin/CProbeClient" --tls none --host "$host" \
        --port "$IMAPWATCH_TEST_IMAP_PORT" --commands 5 "${once[@]}")")
echo "$processes"
process_cpu() { sed -n "s/^$1: .* cpu_ms_median=\([^ ]*\).*/\1/p" <<<"$processes"; }
awk -v nio="$(process_cpu "NIO alone, plaintext")" -v tls="$(process_cpu "C client, implicit TLS")" \
    -v plain="$(process_cpu "C client, plaintext")" -v simap="$(process_cpu check_simap)" \
    -v check="$(process_cpu "imapwatch check")" 'BEGIN {
    floor = nio + tls - plain
    printf "floor of a process on NIO doing the full dialogue: NIO alone %.2f + TLS work %.2f (%.2f - %.2f) = %.2f ms" \
        " = %.2f x check_simap; imapwatch check is %.2f ms over it\n", nio, tls - plain, tls, plain, floor,
        floor / simap, check - floor
}'
echo "(check_simap is $(dpkg-query -W -f '${Package} ${Version}' monitoring-plugins-basic))"

echo
echo "== 4. start-up floor: imapwatch --version vs a static Swift hello world (swiftc -O -static-stdlib), and the" \
    "same hello linked with imapwatch's shared libraries (libssl, libcrypto, libyaml, libz); $starts runs each, interleaved"
python3 scripts/bench_processes.py "$tmp/rusage_run" "$starts" \
    "imapwatch --version" "." "$(quoted "$bin/imapwatch" --version)" \
    hello "^hello$" "$(quoted "$tmp/hello")" \
    "hello + libraries" "^hello$" "$(quoted "$tmp/hello-libs")"

echo
echo "== 5. binary size"
strip -o "$tmp/imapwatch.stripped" "$bin/imapwatch"
for file in "$bin/imapwatch" "$tmp/imapwatch.stripped"; do
    bytes=$(stat -c %s "$file")
    name=imapwatch
    [[ $file == "$tmp"/* ]] && name="imapwatch, stripped"
    awk -v b="$bytes" -v n="$name" 'BEGIN { printf "%s (release, static Swift runtime): %.1f MB (%d bytes)\n", n, b / 1e6, b }'
done

echo
echo "== targets: issue #2: <= 1.0 ms agent CPU per probe in-process, <= 10 ms CPU per check process;" \
    "issue #12: imapwatch within 1.3x of the C client's CPU per probe"

if [[ $serve == 1 ]]; then
    # bench-serve.sh needs no Dovecot (it runs its own responder): stop ours so it costs nothing meanwhile.
    bash scripts/testbed.sh stop >&2
    dovecot_started=0
    echo
    echo "== 6. imapwatch serve at 1,000 and 10,000 targets (scripts/bench-serve.sh, default configuration)"
    BENCH_SIZES="1000 10000" bash scripts/bench-serve.sh
fi
