#!/usr/bin/env bash
# The demo: builds imapwatch, starts a throw-away Dovecot on loopback, and probes it the ways a user would.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/bootstrap-debian.sh
swift build -c release --static-swift-stdlib --product imapwatch
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/imapwatch"

bash scripts/dovecot-test.sh start
trap 'bash scripts/dovecot-test.sh stop' EXIT
eval "$(bash scripts/dovecot-test.sh env)"

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
