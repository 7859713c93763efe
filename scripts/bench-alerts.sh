#!/usr/bin/env bash
# Alerting next to probing: prints the CPU per probe of evaluating ten rules per target at 10,000 targets
# (conditions + flap control, no network), and the delivery rate through libcurl to a listener on loopback
# (8 in flight). A script that prints numbers, not a test; everything stops by itself.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

swift build -c release --product AlertBench >&2
bin="$(swift build -c release --show-bin-path)/AlertBench"
work="$(mktemp -d)"
listener_pid=""
cleanup() {
    [[ -n $listener_pid ]] && kill "$listener_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A threaded HTTP listener answering 200 to every POST, for at most 120 s.
timeout 120 python3 -u -c '
import http.server, socketserver
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
s = S(("127.0.0.1", 0), H)
print("PORT", s.server_address[1], flush=True)
s.serve_forever()
' >"$work/listener.out" &
listener_pid=$!
for _ in $(seq 1 100); do
    grep -q '^PORT ' "$work/listener.out" 2>/dev/null && break
    sleep 0.05
done
port=$(awk '/^PORT / {print $2}' "$work/listener.out")
"$bin" "http://127.0.0.1:$port/hook"
