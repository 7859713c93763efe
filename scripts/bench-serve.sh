#!/usr/bin/env bash
# The daemon benchmark: `imapwatch serve` with 1,000 and 10,000 targets, against blackbox_exporter on the same
# dialogue. Prints numbers, asserts nothing about them.
#
#   bash scripts/bench-serve.sh
#
# Everything runs on loopback, in a mktemp directory removed on exit, and stops by itself:
#   - a throw-away CA and server certificate (openssl, EC P-256, SAN 127.0.0.1-127.0.0.4);
#   - scripts/bench_responder.py: a minimal IMAP server (Python asyncio + ssl, several processes on one port with
#     SO_REUSEPORT): a full TLS handshake per connection, greeting, LOGIN, EXAMINE, partial FETCH, GETQUOTAROOT,
#     LOGOUT. It stands in for the mail server so the agent is what is measured; its own CPU is printed too;
#   - one `imapwatch probe` of it first (certificate verified against the throw-away CA), which must succeed;
#   - for each size: `imapwatch serve` (release) on a generated configuration (targets spread over 127.0.0.1-4,
#     implicit TLS, LOGIN, fetch 1024 octets, quota, the CA file verified). After one interval of warm-up (every
#     target probed once, so every series exists), one measurement window (scripts/bench_serve.py measure-serve):
#       agent CPU per probe  utime+stime of the serve process (/proc/PID/stat) per second over the window, divided
#                            by probes finished per second (imapwatch_probes_total deltas); the /metrics scrapes
#                            that read the counters lie just outside the CPU window, so they are not charged;
#       memory               VmRSS at the window's end and after the scrapes, VmHWM at the end;
#       schedule lag         p50/p99 of imapwatch_schedule_lag_seconds over the window (bucket deltas,
#                            interpolated as histogram_quantile does: only as fine as the buckets);
#       /metrics             median curl time_total of $BENCH_SCRAPES scrapes, body size (identity; gzip if
#                            offered), the agent's CPU per scrape, lines and samples, top families by lines;
#   - then prometheus-blackbox-exporter (Debian package) with a tcp module speaking the same dialogue (tls: true,
#     query_response), driven by /probe requests at the same rate (it probes on scrape), its CPU per probe
#     measured the same way, and the ratio imapwatch / blackbox.
# The summary at the end compares the 10,000-target numbers with the issue's targets.
#
# Knobs (environment): BENCH_SIZES ("1000 10000"), BENCH_INTERVAL (60, seconds: the probe rate is
# targets/interval), BENCH_WARMUP (interval + 5 s), BENCH_WINDOW (60, seconds), BENCH_BLACKBOX_WINDOW (45), BENCH_SCRAPES (5),
# BENCH_RESPONDERS (2 processes), BENCH_SERVE_PORT (19643), BENCH_BLACKBOX_PORT (19115),
# BENCH_IMAPS_PORT (19993), BENCH_IMAP_PORT (19143), BENCH_PHASE_HISTOGRAMS (false, the
# configuration's default: true adds the per-target phase histograms), BENCH_ALERTS (false; true adds an alerts:
# section and ten alert rules per target, so the CPU per probe includes alert evaluation). With the defaults a run
# takes about 10 minutes after the build.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

sizes=${BENCH_SIZES:-"1000 10000"}
interval=${BENCH_INTERVAL:-60}
warmup=${BENCH_WARMUP:-$((interval + 5))}
window=${BENCH_WINDOW:-60}
blackbox_window=${BENCH_BLACKBOX_WINDOW:-45}
scrapes=${BENCH_SCRAPES:-5}
responders=${BENCH_RESPONDERS:-2}
serve_port=${BENCH_SERVE_PORT:-19643}
blackbox_port=${BENCH_BLACKBOX_PORT:-19115}
imaps_port=${BENCH_IMAPS_PORT:-19993}
imap_port=${BENCH_IMAP_PORT:-19143}
phase_histograms=${BENCH_PHASE_HISTOGRAMS:-false}
alerts=${BENCH_ALERTS:-false}
hosts=127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4
user=bench

log() { printf 'bench-serve: %s\n' "$*" >&2; }

# Every process started here is stopped by its PID on exit; each one also has a bound of its own (the responder
# its --lifetime, serve and blackbox a watchdog), so nothing outlives a killed script for long.
pids=()
work=""
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    [[ -n $work ]] && rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts "$@" in the background, records its PID in $started, and kills it after $1 seconds at the latest (a
# watchdog, stopped with it by stop_started so it can never signal a recycled PID).
declare -A watchdogs
start_bounded() {
    local bound=$1
    shift
    "$@" &
    started=$!
    pids+=("$started")
    (
        trap 'kill "$sleeper" 2>/dev/null; wait "$sleeper"; exit 0' TERM
        sleep "$bound" &
        sleeper=$!
        wait "$sleeper"
        kill -TERM "$started" 2>/dev/null
    ) >/dev/null 2>&1 &
    watchdogs[$started]=$!
    pids+=("$!")
}

stop_started() {
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    kill -TERM "${watchdogs[$1]}" 2>/dev/null || true
    wait "${watchdogs[$1]}" 2>/dev/null || true
}

wait_http() {
    local url=$1 what=$2 logfile=$3 i
    for i in $(seq 1 300); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        sleep 0.2
    done
    log "$what did not answer $url; the end of its log:"
    tail -5 "$logfile" >&2
    exit 1
}

for port in "$serve_port" "$blackbox_port" "$imaps_port" "$imap_port"; do
    if ss -Htln "sport = :$port" | grep -q .; then
        log "port $port is already in use; set BENCH_*_PORT to free ones"
        exit 1
    fi
done

bash scripts/bootstrap-debian.sh --bench
log "building release imapwatch"
bin="$(bash scripts/build-release.sh imapwatch)/imapwatch"
blackbox_version=$(prometheus-blackbox-exporter --version 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p' | head -1)

work=$(mktemp -d)
log "working in a temporary directory (removed on exit)"

# The throw-away CA and server certificate; both clients verify the chain and the IP address against them.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -subj "/CN=imapwatch bench CA" \
    -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
printf '%s\n' "subjectAltName=IP:127.0.0.1,IP:127.0.0.2,IP:127.0.0.3,IP:127.0.0.4,DNS:localhost" \
    "basicConstraints=CA:FALSE" "keyUsage=digitalSignature" "extendedKeyUsage=serverAuth" >"$work/server.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 365 \
    -extfile "$work/server.ext" -out "$work/server.pem" 2>/dev/null
head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$work/password"

# The whole run's time, as a bound for the responder.
total_bound=$((300 + 0$(for n in $sizes; do printf '+%d' $((warmup + window + 20 * scrapes + blackbox_window + 180)); done)))
mkdir "$work/stats"
start_bounded "$((total_bound + 30))" python3 scripts/bench_responder.py --cert "$work/server.pem" \
    --key "$work/server.key" --hosts "$hosts" --port "$imaps_port" --starttls-port "$imap_port" --user "$user" \
    --password-file "$work/password" --workers "$responders" --pid-file "$work/responder.pids" \
    --stats-dir "$work/stats" --lifetime "$total_bound" 2>"$work/responder.log"
for _ in $(seq 1 50); do
    [[ -s $work/responder.pids ]] && (exec 3<>"/dev/tcp/127.0.0.1/$imaps_port") 2>/dev/null && break
    sleep 0.1
done

echo "== host: $(nproc) CPUs, $(uname -srm), $(openssl version | cut -d' ' -f1-2), $(python3 --version)," \
    "imapwatch $("$bin" --version 2>/dev/null || echo '?'), blackbox_exporter $blackbox_version; $(date -u +%Y-%m-%d)"
echo "== responder: $responders Python asyncio processes on $hosts:$imaps_port (implicit TLS) and :$imap_port" \
    "(STARTTLS), full TLS 1.3 handshake per connection (no tickets), EC P-256 certificate"

# One probe of each kind first: the dialogue must pass imapwatch's own checks before anything is measured.
for mode in implicit starttls; do
    port=$imaps_port
    [[ $mode == starttls ]] && port=$imap_port
    if ! out=$("$bin" probe -H 127.0.0.1 -p "$port" --tls "$mode" --ca-file "$work/ca.pem" -u "$user" \
        --password-file "$work/password" --auth login 2>&1); then
        log "imapwatch probe of the responder ($mode) failed:"
        printf '%s\n' "$out" >&2
        exit 1
    fi
    echo "check: $(head -1 <<<"$out")"
done

python3 scripts/bench_serve.py blackbox-config --ca-file "$work/ca.pem" --user "$user" \
    --password-file "$work/password" --out "$work/blackbox.yml"

summary=()
for n in $sizes; do
    echo
    python3 scripts/bench_serve.py imapwatch-config --targets "$n" --interval "${interval}s" \
        --timeout "$((interval > 20 ? 10 : interval / 2))s" --hosts "$hosts" \
        --port "$imaps_port" --ca-file "$work/ca.pem" --user "$user" --password-file "$work/password" \
        --phase-histograms "$phase_histograms" --out "$work/imapwatch-$n.yml" \
        $([[ $alerts == true ]] && printf -- '--alerts-url-file %s' "$work/webhook.url")
    echo "http://127.0.0.1:9/never-called" >"$work/webhook.url"
    bound=$((warmup + window + 20 * scrapes + 120))
    start_bounded "$bound" "$bin" serve --config "$work/imapwatch-$n.yml" \
        --web.listen-address "127.0.0.1:$serve_port" --storage.path "$work/state" 2>"$work/serve-$n.log"
    serve_pid=$started
    wait_http "http://127.0.0.1:$serve_port/-/ready" "imapwatch serve" "$work/serve-$n.log"
    log "$n targets: warm-up of ${warmup}s (one interval + 5 s by default: every target probed once, if it keeps up)"
    sleep "$warmup"
    log "$n targets: measuring for ${window}s, then $scrapes scrapes"
    python3 scripts/bench_serve.py measure-serve --pid "$serve_pid" --targets "$n" --interval "${interval}s" \
        --interval-seconds "$interval" --window "$window" --url "http://127.0.0.1:$serve_port/metrics" \
        --work "$work" --scrapes "$scrapes" --responder-pids "$work/responder.pids" --stats-dir "$work/stats" \
        2>>"$work/results"
    failures=$(grep -c 'probe failed' "$work/serve-$n.log" || true)
    echo "serve log       $failures 'probe failed' lines$( ((failures)) && printf ', first: %s' "$(grep -m1 'probe failed' "$work/serve-$n.log")")"
    stop_started "$serve_pid"

    echo
    start_bounded "$((blackbox_window + 60))" prometheus-blackbox-exporter --config.file="$work/blackbox.yml" \
        --web.listen-address="127.0.0.1:$blackbox_port" 2>"$work/blackbox-$n.log"
    blackbox_pid=$started
    wait_http "http://127.0.0.1:$blackbox_port/-/healthy" "blackbox_exporter" "$work/blackbox-$n.log"
    log "$n targets' rate: blackbox_exporter for 5 s warm-up + ${blackbox_window}s"
    python3 scripts/bench_serve.py drive-blackbox --pid "$blackbox_pid" --targets "$n" --interval "${interval}s" \
        --interval-seconds "$interval" --window "$blackbox_window" --port "$blackbox_port" --hosts "$hosts" \
        --responder-port "$imaps_port" --responder-pids "$work/responder.pids" --stats-dir "$work/stats" \
        --version "$blackbox_version" 2>>"$work/results"
    stop_started "$blackbox_pid"

    imapwatch_cpu=$(sed -n "s/^RESULT who=imapwatch targets=$n cpu_ms=\([^ ]*\).*/\1/p" "$work/results")
    blackbox_cpu=$(sed -n "s/^RESULT who=blackbox targets=$n cpu_ms=\([^ ]*\).*/\1/p" "$work/results")
    ratio=$(awk -v a="$imapwatch_cpu" -v b="$blackbox_cpu" 'BEGIN { printf "%.3f", a / b }')
    echo "ratio           imapwatch / blackbox CPU per probe at $n targets' rate = $ratio ($imapwatch_cpu / $blackbox_cpu ms)"
    summary+=("$n $ratio")
done

echo
echo "== the issue's targets, at the largest size ($(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1) targets)"
largest=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)
line=$(grep "^RESULT who=imapwatch targets=$largest " "$work/results")
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
ratio=$(for s in "${summary[@]}"; do [[ ${s%% *} == "$largest" ]] && echo "${s#* }"; done)
verdict() {
    [[ $1 == inf ]] && { echo MISSED; return; }
    awk -v v="$1" -v limit="$2" -v dir="${3:-below}" \
        'BEGIN { ok = (dir == "below") ? (v + 0 < limit + 0) : (v + 0 >= limit + 0); print ok ? "met" : "MISSED" }'
}
lag=$(field lag_p99_ms)
[[ $lag == inf ]] && lag_text="> 10 s" || lag_text="$lag ms"
printf '%-44s %-12s %s\n' \
    "keeps up: probes finished / scheduled >= 0.99" "$(field keeping_up)" "$(verdict "$(field keeping_up)" 0.99 atleast)" \
    "CPU per probe <= 0.3x blackbox's" "${ratio}x" "$(verdict "$ratio" 0.3000001)" \
    "RSS < 64 MB (VmRSS after the scrapes)" "$(field rss_mb) MB" "$(verdict "$(field rss_mb)" 64)" \
    "  (VmHWM, the peak)" "$(field hwm_mb) MB" "$(verdict "$(field hwm_mb)" 64)" \
    "schedule lag p99 < 100 ms" "$lag_text" "$(verdict "$lag" 100)" \
    "/metrics scrape < 50 ms (median)" "$(field scrape_ms) ms" "$(verdict "$(field scrape_ms)" 50)"
