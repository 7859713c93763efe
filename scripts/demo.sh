#!/usr/bin/env bash
# The demo: builds imapwatch, starts a throw-away Dovecot on loopback, and probes it the ways a user would:
# the Nagios plugin, the diagnosis, and the daemon with its /metrics.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/bootstrap-debian.sh
bin="$(bash scripts/build-release.sh imapwatch)/imapwatch"

IMAPWATCH_TEST_MTA=0 bash scripts/testbed.sh start
trap 'bash scripts/testbed.sh stop' EXIT
eval "$(bash scripts/testbed.sh env)"

run() {
    printf '\n$ %s\n' "$*"
    set +e
    "$@"
    printf '(exit code %d)\n' "$?"
    set -e
}

host="$IMAPWATCH_TEST_HOST"
ca="$IMAPWATCH_TEST_CA"
user="$IMAPWATCH_TEST_USER"
pwfile="$IMAPWATCH_TEST_PASSWORD_FILE"

echo "== Nagios plugin: implicit TLS, no login"
run "$bin" check -H "$host" -p "$IMAPWATCH_TEST_IMAPS_PORT" --tls implicit --ca-file "$ca"
echo "== Nagios plugin: STARTTLS, login, EXAMINE, partial FETCH, quota"
run "$bin" check -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT" --ca-file "$ca" -u "$user" --password-file "$pwfile"
echo "== Nagios plugin: the same with long output and a 20 ms critical threshold on login"
run "$bin" check -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT" --ca-file "$ca" -u "$user" --password-file "$pwfile" \
    --phase-critical login=0.02 -v
echo "== Nagios plugin: an expired certificate"
run "$bin" check -H "$IMAPWATCH_TEST_EXPIRED_HOST" -p "$IMAPWATCH_TEST_EXPIRED_PORT" --tls implicit --ca-file "$ca"
echo "== Diagnosis: waterfall and redacted transcript"
run "$bin" probe -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT" --ca-file "$ca" -u "$user" --password-file "$pwfile" \
    --transcript

echo
echo "== Daemon: imapwatch serve with a demo configuration, scraped once, an alert to a webhook, then SIGTERM"
demo_dir="$(mktemp -d)"
listener_pid=""
trap '[[ -n $listener_pid ]] && kill "$listener_pid" 2>/dev/null; bash scripts/testbed.sh stop; rm -rf "$demo_dir"' EXIT
# A loopback webhook receiver (stops by itself after 60 s) that prints each alert it is sent, and a port nothing
# listens on, for a target that fails.
timeout 60 python3 -u -c '
import http.server, json
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        for alert in body.get("alerts", []):
            l = alert["labels"]
            print("webhook received:", alert["status"], l["severity"], l["target"], l["condition"], "-", alert["annotations"]["summary"], flush=True)
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print("PORT", s.server_address[1], flush=True)
s.serve_forever()
' >"$demo_dir/webhook.out" &
listener_pid=$!
for _ in $(seq 1 100); do grep -q '^PORT ' "$demo_dir/webhook.out" 2>/dev/null && break; sleep 0.05; done
echo "http://127.0.0.1:$(awk '/^PORT / {print $2}' "$demo_dir/webhook.out")/hook" >"$demo_dir/webhook.url"
closed_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$demo_dir/imapwatch.yml" <<YAML
defaults:
  interval: 5s
  timeout: 4s
modules:
  login:
    ca_file: $ca
    username: $user
    password_file: $pwfile
    probe_hosts: [$host]       # the hosts /probe may use these credentials on
targets:
  - name: dovecot-imaps
    host: $host
    port: $IMAPWATCH_TEST_IMAPS_PORT
    tls: implicit
    module: login
  - name: dovecot-starttls
    host: $host
    port: $IMAPWATCH_TEST_IMAP_PORT
    tls: starttls
    module: login
    labels:
      site: demo
  - name: nothing-listens
    host: 127.0.0.1
    port: $closed_port
    tls: implicit
    interval: 1s
    timeout: 900ms
    alerting: { failure_threshold: 2 }   # fire after two failed probes in a row
alerts:
  group_wait: 0s
  receivers:
    - name: demo-webhook
      type: webhook                       # the Alertmanager webhook body; slack, teams, discord, ... alike
      url_file: webhook.url               # webhook URLs carry tokens: from a file, never inline
YAML
run "$bin" config check "$demo_dir/imapwatch.yml"
listen="127.0.0.1:${IMAPWATCH_DEMO_PORT:-19643}"
"$bin" serve --config "$demo_dir/imapwatch.yml" --web.listen-address "$listen" --storage.path "$demo_dir/state" \
    2>"$demo_dir/serve.log" &
serve_pid=$!
# Poll /metrics (at most 15 s) until the three targets have been probed.
metrics=""
for _ in $(seq 1 30); do
    metrics="$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' \
        "http://$listen/metrics" 2>/dev/null || true)"
    [[ $(grep -c "^imap_probe_success{" <<<"$metrics") -ge 3 ]] && break
    sleep 0.5
done
printf '\n$ curl http://%s/metrics | grep -E "imap_probe_success|imap_quota_usage_bytes|imap_tls_cert_not_after|phase_seconds"\n' "$listen"
grep -E '^(imap_probe_success|imap_quota_usage_bytes|imap_tls_cert_not_after_timestamp_seconds|imap_probe_phase_seconds)\{' \
    <<<"$metrics" || echo "(no metrics yet; see $demo_dir/serve.log)"
# One probe on demand, as Prometheus's multi-target pattern asks for it: only that probe's gauges come back.
probe_url="http://$listen/probe?target=$host:$IMAPWATCH_TEST_IMAP_PORT&module=login"
printf '\n$ curl "%s" | grep -E %s\n' "$probe_url" "'imap_probe_success|phase=\"login\"'"
python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
    "$probe_url" 2>/dev/null | grep -E '^imap_probe_success\{|phase="login"' || echo "(no answer; see $demo_dir/serve.log)"
# The target on the closed port fires after two failed probes; the webhook prints what it got (at most 10 s).
for _ in $(seq 1 50); do grep -q '^webhook received' "$demo_dir/webhook.out" && break; sleep 0.2; done
printf '\n$ (the webhook receiver)\n'
grep '^webhook received' "$demo_dir/webhook.out" || echo "(nothing yet; see $demo_dir/serve.log)"
grep -E 'msg="alert firing"|msg="notification delivered"' "$demo_dir/serve.log" || true
kill -TERM "$serve_pid"
wait "$serve_pid" && echo "(serve exited 0 after SIGTERM)"
echo "Endpoints while it runs: /metrics, /probe?target=&module= (&debug=true), /-/healthy, /-/ready, POST /-/reload, /."
echo "Configuration keys: packaging/imapwatch.example.yml; SIGHUP reloads the file."
echo "Alerts: imapwatch alert test RECEIVER --config FILE sends a test message; README, Alerts, has a Slack walk-through."
