#!/usr/bin/env bash
# imapwatch check next to the Monitoring Plugins' check_imap / check_simap (Debian monitoring-plugins-basic), on
# the same cases against the test Dovecot on loopback: the status line and exit code each gives, and the median
# wall time of five runs. Both run with OpenSSL's default trust-store lookup (SSL_CERT_FILE and SSL_CERT_DIR unset,
# as under Nagios or systemd on Debian): with SSL_CERT_FILE set, OpenSSL parses the whole CA bundle in every
# imapwatch check process (about 20 ms more; README, Building). Prints; asserts nothing. Needs `bash scripts/bootstrap-debian.sh --bench` (which
# installs monitoring-plugins-basic); starts and stops its own Dovecot.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

plugins=/usr/lib/nagios/plugins
[[ -x $plugins/check_imap ]] || { echo "compare-peers: $plugins/check_imap missing (bootstrap-debian.sh --bench)" >&2; exit 2; }
# As installed: the Swift runtime linked in statically (a dynamically linked one costs every check process more).
bin="$(bash scripts/build-release.sh imapwatch)/imapwatch"
wrong="$(mktemp)"
echo "not-the-password" >"$wrong"
trap 'rm -f "$wrong"; bash scripts/testbed.sh stop >&2' EXIT
IMAPWATCH_TEST_MTA=0 bash scripts/testbed.sh start >&2
eval "$(bash scripts/testbed.sh env)"
host=$IMAPWATCH_TEST_HOST
ca=$IMAPWATCH_TEST_CA
login=(-u "$IMAPWATCH_TEST_USER" --password-file "$IMAPWATCH_TEST_PASSWORD_FILE")

# One tool on one case: exit code, the status line cut to 110 characters, the median of five wall times.
measure() {
    local out code times=() start end
    for _ in 1 2 3 4 5; do
        start=$(date +%s%N)
        set +e
        out="$(env -u SSL_CERT_FILE -u SSL_CERT_DIR "$@" 2>&1 | head -1)"
        code=${PIPESTATUS[0]}
        set -e
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    printf '    %-11s exit %d  %6.1f ms  %s\n' "$tool" "$code" "$(awk -v us="$median" 'BEGIN { print us / 1000 }')" \
        "$(cut -c1-110 <<<"$out")"
}

case_() { printf '\n%s\n' "$1"; }

case_ "STARTTLS port, good certificate, login and quota"
tool=check_imap measure "$plugins/check_imap" -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT"
tool=imapwatch measure "$bin" check -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT" --ca-file "$ca" "${login[@]}"

case_ "Implicit TLS, good certificate (check_simap -D 20,10)"
tool=check_simap measure "$plugins/check_simap" -H "$host" -p "$IMAPWATCH_TEST_IMAPS_PORT" -D 20,10
tool=imapwatch measure "$bin" check -H "$host" -p "$IMAPWATCH_TEST_IMAPS_PORT" --tls implicit --ca-file "$ca" "${login[@]}"

case_ "Implicit TLS, certificate expired"
tool=check_simap measure "$plugins/check_simap" -H "$IMAPWATCH_TEST_EXPIRED_HOST" -p "$IMAPWATCH_TEST_EXPIRED_PORT" -D 20,10
tool=imapwatch measure "$bin" check -H "$IMAPWATCH_TEST_EXPIRED_HOST" -p "$IMAPWATCH_TEST_EXPIRED_PORT" --tls implicit \
    --ca-file "$ca" --sni "$IMAPWATCH_TEST_TLS_NAME"

case_ "Implicit TLS, certificate expiring in 10 days"
tool=check_simap measure "$plugins/check_simap" -H "$IMAPWATCH_TEST_SOON_HOST" -p "$IMAPWATCH_TEST_SOON_PORT" -D 20,10
tool=imapwatch measure "$bin" check -H "$IMAPWATCH_TEST_SOON_HOST" -p "$IMAPWATCH_TEST_SOON_PORT" --tls implicit \
    --ca-file "$ca" --sni "$IMAPWATCH_TEST_TLS_NAME"

case_ "Implicit TLS, self-signed certificate nobody trusts"
tool=check_simap measure "$plugins/check_simap" -H "$IMAPWATCH_TEST_UNTRUSTED_HOST" -p "$IMAPWATCH_TEST_UNTRUSTED_PORT" -D 20,10
tool=imapwatch measure "$bin" check -H "$IMAPWATCH_TEST_UNTRUSTED_HOST" -p "$IMAPWATCH_TEST_UNTRUSTED_PORT" --tls implicit \
    --ca-file "$ca" --sni "$IMAPWATCH_TEST_TLS_NAME"

case_ "STARTTLS port, wrong password (check_imap cannot log in: it sees the greeting only)"
tool=check_imap measure "$plugins/check_imap" -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT"
tool=imapwatch measure "$bin" check -H "$host" -p "$IMAPWATCH_TEST_IMAP_PORT" --ca-file "$ca" -u "$IMAPWATCH_TEST_USER" \
    --password-file "$wrong"
