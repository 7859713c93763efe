#!/usr/bin/env bash
# imapwatch's test bed: a self-contained Dovecot 2.3 and a Postfix MTA on loopback, for the test suite, the demo
# and the benchmarks. One tool, one state directory, one env.sh:
#
#   bash scripts/testbed.sh start        # (re)create state, start Dovecot (and Postfix), wait, seed, write env.sh
#   bash scripts/testbed.sh stop         # stop our instances (by their master pids) and wait
#   bash scripts/testbed.sh status       # exit 0 if running, 3 if not
#   bash scripts/testbed.sh env          # print env.sh (source it: eval "$(... env)")
#   bash scripts/testbed.sh mta-release  # deliver the messages the MTA holds (see scripts/testbed/postfix.sh)
#
# The MTA (scripts/testbed/postfix.sh: its listeners, users and the recipients that lose or hold mail) starts
# with Dovecot when Postfix is installed; IMAPWATCH_TEST_MTA=0 leaves it out, IMAPWATCH_TEST_MTA=1 fails without
# it. Dovecot takes its deliveries over LMTP and answers its SASL questions on sockets in its base_dir.
#
# Everything lives in the state directory ($IMAPWATCH_TEST_DIR, default
# <repo>/.build-test/dovecot): config, CA and certificates, passwd-file, mail,
# logs, base_dir (sockets + master.pid), env.sh, and postfix/. It never touches the system's
# Dovecot (/etc/dovecot, /run/dovecot, /var/lib/dovecot, dovecot.service) nor Postfix (/etc/postfix/main.cf):
# our own config, base_dir, state_dir and instance_name, and we only ever signal the
# master pids read from our own directories after checking their command lines.
#
# Listeners (loopback only; ports overridable by env before `start`):
#   127.0.0.1:$IMAPWATCH_TEST_IMAP_PORT (10143)  plain IMAP, STARTTLS, valid cert
#   127.0.0.1:$IMAPWATCH_TEST_IMAPS_PORT (10993) implicit TLS, valid cert
#   127.0.0.2:$IMAPWATCH_TEST_IMAPS_PORT         implicit TLS, EXPIRED cert (CA-signed)
#   127.0.0.3:$IMAPWATCH_TEST_IMAPS_PORT         implicit TLS, UNTRUSTED self-signed cert
#   127.0.0.4:$IMAPWATCH_TEST_IMAPS_PORT         implicit TLS, CA-signed cert expiring in 10 days
#   127.0.0.1:$IMAPWATCH_TEST_NOSTARTTLS_PORT (10144) plain IMAP without STARTTLS
#
# Env knobs for `start`: IMAPWATCH_TEST_DIR, IMAPWATCH_TEST_IMAP_PORT,
# IMAPWATCH_TEST_IMAPS_PORT, IMAPWATCH_TEST_NOSTARTTLS_PORT,
# IMAPWATCH_DOVECOT_PERF=1 (login/imap process reuse for benchmarks),
# IMAPWATCH_DOVECOT_MAIL_USER (system user owning the mail, default nobody),
# IMAPWATCH_DOVECOT_AUTH_PENALTY=1 (keep Dovecot's per-IP auth penalty; off by
# default, see the comment in the generated config).
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_DIR=$(cd -- "$SCRIPT_DIR/.." && pwd -P)

# Dovecot's unprivileged processes (auth as "dovecot", mail as "nobody") must
# reach the state directory through every parent. A checkout under a private
# directory (mktemp -d is mode 0700) is not reachable, so the default state
# directory then moves under /tmp, named after the checkout so every call agrees.
reachable_by_all() {
    local dir=$1
    while [[ $dir != / ]]; do
        if [[ -e $dir ]]; then
            local mode
            mode=$(stat -c '%A' -- "$dir")
            [[ ${mode:9:1} == x || ${mode:9:1} == t ]] || return 1
        fi
        dir=$(dirname -- "$dir")
    done
}
default_state_dir() {
    if reachable_by_all "$REPO_DIR"; then
        printf '%s\n' "$REPO_DIR/.build-test/dovecot"
    else
        printf '/tmp/imapwatch-test-%s/dovecot\n' "$(printf '%s' "$REPO_DIR" | cksum | cut -d' ' -f1)"
    fi
}
STATE_DIR=${IMAPWATCH_TEST_DIR:-$(default_state_dir)}
HOST=127.0.0.1
EXPIRED_HOST=127.0.0.2
UNTRUSTED_HOST=127.0.0.3
SOON_HOST=127.0.0.4
IMAP_PORT=${IMAPWATCH_TEST_IMAP_PORT:-10143}
IMAPS_PORT=${IMAPWATCH_TEST_IMAPS_PORT:-10993}
NOSTARTTLS_PORT=${IMAPWATCH_TEST_NOSTARTTLS_PORT:-10144}
PERF=${IMAPWATCH_DOVECOT_PERF:-0}
MAIL_USER=${IMAPWATCH_DOVECOT_MAIL_USER:-nobody}
TLS_NAME=imap.example.test
MONITOR_USER=monitor@example.test
EMPTY_USER=empty@example.test
# The mail-flow loop's mailbox (the MTA delivers into it), so the loop's messages never change the mailboxes the
# IMAP tests count.
FLOW_USER=flow@example.test
# A user whose password needs IMAP quoting with escapes (" and \), a space and
# 8-bit UTF-8 (a literal for LOGIN). passwd-file separates fields with ":" and
# has no escapes, so the password must not contain ":" (nor CR/LF).
QUOTED_USER=quoted@example.test
QUOTED_PASSWORD='pä ss"\w0rd'
# Exact sizes (octets, CRLF line endings) of the three seeded messages. They
# add up to 18432 = 18 KiB so the quota's STORAGE usage is exact (18).
MESSAGE_SIZES=(2048 5120 11264)
QUOTA_STORAGE_KB=10240     # 10M
QUOTA_MESSAGES=1000
QUOTA_ROOT="User quota"
START_TIMEOUT=${IMAPWATCH_DOVECOT_START_TIMEOUT:-10}   # seconds
STOP_TIMEOUT=10                                        # seconds

CONF=$STATE_DIR/dovecot.conf
TLS_DIR=$STATE_DIR/tls
LOG_DIR=$STATE_DIR/log
LOG_FILE=$LOG_DIR/dovecot.log
ENV_FILE=$STATE_DIR/env.sh

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

DOVECOT_BIN=$(command -v dovecot || true)
[[ -n $DOVECOT_BIN ]] || DOVECOT_BIN=/usr/sbin/dovecot
DOVEADM_BIN=$(command -v doveadm || true)
[[ -n $DOVEADM_BIN ]] || DOVEADM_BIN=/usr/bin/doveadm

# base_dir holds unix sockets; sun_path is limited to 108 bytes and Dovecot
# appends names like "login/imap-urlauth" or "token-login/tokenlogin". If the
# state directory is deep, use a short directory under /tmp instead (its name
# is derived from the state directory, so start/stop agree on it).
base_dir_for_state() {
    local candidate=$STATE_DIR/run
    if ((${#candidate} <= 70)); then
        printf '%s\n' "$candidate"
    else
        printf '/tmp/imapwatch-dovecot-%s\n' "$(printf '%s' "$STATE_DIR" | cksum | cut -d' ' -f1)"
    fi
}
BASE_DIR=$(base_dir_for_state)
PID_FILE=$BASE_DIR/master.pid

# --- process control --------------------------------------------------------

# Prints the master pid if our instance runs (pid file in our base_dir, process
# alive, and its command line names our config). Returns 1 otherwise.
running_pid() {
    local pid cmdline
    [[ -r $PID_FILE ]] || return 1
    pid=$(tr -dc '0-9' <"$PID_FILE")
    [[ -n $pid ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    # Dovecot rewrites its title to "dovecot/master"-like strings only with
    # verbose_proctitle; the argv still contains "-c <our conf>" by default.
    [[ $cmdline == *"$CONF"* ]] || return 1
    printf '%s\n' "$pid"
}

# stop_master WHAT PID: TERM, then KILL after STOP_TIMEOUT; waits (bounded) until PID is gone.
stop_master() {
    local what=$1 pid=$2 i
    log "stopping $what master pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "$what master pid $pid still alive after ${STOP_TIMEOUT}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 30; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    die "could not stop pid $pid"
}

# wait_closed ADDR PORT...: waits (bounded) until nothing accepts on these ports of ADDR.
wait_closed() {
    local addr=$1 i p open
    shift
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
        open=0
        for p in "$@"; do port_open "$addr" "$p" && open=1; done
        ((open)) || return 0
        sleep 0.1
    done
}

do_stop() {
    local pid
    mta_stop
    if ! pid=$(running_pid); then
        rm -f "$PID_FILE"
        log "not running"
        return 0
    fi
    stop_master dovecot "$pid"
    # The master closes its listeners when it exits; its children (login,
    # imap, auth...) notice the closed master pipe and exit on their own.
    # Wait (bounded) until nothing accepts on our ports any more.
    wait_closed "$HOST" "$IMAP_PORT" "$IMAPS_PORT"
    rm -f "$PID_FILE"
    # A /tmp fallback base_dir (long state paths) is ours alone: remove it.
    [[ $BASE_DIR == "$STATE_DIR/run" ]] || rm -rf "$BASE_DIR"
    log "stopped"
}

# port_open ADDR PORT: does something accept TCP connections there?
port_open() {
    timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# greets ADDR PORT [GREETING [FAREWELL]]: a plain listener's first line starts with GREETING (default IMAP's
# "* OK"); FAREWELL (default "a LOGOUT") is sent before hanging up.
greets() {
    timeout 2 bash -c '
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        IFS= read -r -t 2 line <&3 || exit 1
        printf "%s\r\n" "$4" >&3 || true
        [[ $line == "$3"* ]]' _ "$1" "$2" "${3:-* OK}" "${4:-a LOGOUT}" 2>/dev/null
}

# --- certificates -------------------------------------------------------------

gen_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# openssl ca lets us choose -startdate/-enddate, which OpenSSL 3.0 (Debian 12)
# cannot do with `x509`/`req` (no -not_before/-not_after before 3.4).
make_certs() {
    local d=$TLS_DIR now
    rm -rf "$d"
    mkdir -p "$d/ca-db/new"
    : >"$d/ca-db/index.txt"
    echo 1000 >"$d/ca-db/serial"
    cat >"$d/ca.cnf" <<EOF
[ ca ]
default_ca = test_ca

[ test_ca ]
database        = $d/ca-db/index.txt
new_certs_dir   = $d/ca-db/new
serial          = $d/ca-db/serial
certificate     = $d/ca.pem
private_key     = $d/ca.key
default_md      = sha256
policy          = policy_any
unique_subject  = no
email_in_dn     = no
copy_extensions = none

[ policy_any ]
commonName       = supplied
organizationName = optional

[ req ]
distinguished_name = req_dn
prompt             = no

[ req_dn ]
CN = unused

[ ca_ext ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ leaf_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = \$ENV::LEAF_SAN

[ self_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
subjectAltName         = \$ENV::LEAF_SAN
EOF
    gen_key "$d/ca.key"
    LEAF_SAN=DNS:unused openssl req -new -x509 -config "$d/ca.cnf" -extensions ca_ext \
        -key "$d/ca.key" -subj "/O=imapwatch tests/CN=imapwatch test CA" \
        -days 3650 -out "$d/ca.pem" 2>/dev/null

    # sign NAME SAN STARTDATE ENDDATE [CN]
    sign() {
        gen_key "$d/$1.key"
        LEAF_SAN=$2 openssl req -new -config "$d/ca.cnf" -key "$d/$1.key" \
            -subj "/O=imapwatch tests/CN=${5:-$TLS_NAME}" -out "$d/$1.csr" 2>/dev/null
        LEAF_SAN=$2 openssl ca -batch -notext -config "$d/ca.cnf" -extensions leaf_ext \
            -startdate "$3" -enddate "$4" -in "$d/$1.csr" -out "$d/$1.pem" 2>/dev/null ||
            die "openssl ca failed for $1"
        rm -f "$d/$1.csr"
    }
    ts() { date -u -d "$1" +%Y%m%d%H%M%SZ; }
    local names="DNS:localhost,DNS:$TLS_NAME,IP:127.0.0.1"
    # valid: the name set the tests verify against.
    sign valid "$names" "$(ts '-1 day')" "$(ts '+365 days')"
    # expired: same names plus its own address, so only the date is wrong.
    sign expired "$names,IP:$EXPIRED_HOST" "$(ts '-400 days')" "$(ts '-30 days')"
    # soon: valid but expires in 10 days (for certificate-age thresholds).
    sign soon "$names,IP:$SOON_HOST" "$(ts '-1 day')" "$(ts '+10 days')"
    # smtp: the test MTA's, for its own name.
    sign smtp "DNS:localhost,DNS:smtp.example.test,IP:127.0.0.1" "$(ts '-1 day')" "$(ts '+200 days')" smtp.example.test
    # untrusted: self-signed, not issued by ca.pem (the MTA's untrusted listener serves it too).
    gen_key "$d/untrusted.key"
    LEAF_SAN="$names,IP:$UNTRUSTED_HOST" openssl req -new -x509 -config "$d/ca.cnf" \
        -extensions self_ext -key "$d/untrusted.key" \
        -subj "/O=imapwatch tests untrusted/CN=$TLS_NAME" -days 365 \
        -out "$d/untrusted.pem" 2>/dev/null

    openssl verify -CAfile "$d/ca.pem" "$d/valid.pem" >/dev/null || die "valid.pem does not verify"
    chmod 0600 "$d"/*.key
    # Dovecot reads ssl_cert/ssl_key as root (master/config) before dropping privileges.
}

cert_not_after_epoch() {
    date -u -d "$(openssl x509 -in "$1" -noout -enddate | cut -d= -f2)" +%s
}

# --- messages -----------------------------------------------------------------

# make_message N SIZE FILE: a text/plain message of exactly SIZE octets, CRLF.
make_message() {
    local n=$1 size=$2 file=$3 head body="" line remaining i=0
    head=$(printf 'From: imapwatch sender <sender@example.test>\r\nTo: %s\r\nSubject: imapwatch test message %d\r\nDate: Mon, 01 Jan 2024 12:00:0%d +0000\r\nMessage-ID: <imapwatch-test-%d@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n' \
        "$MONITOR_USER" "$n" "$n" "$n"; printf x)
    head=${head%x}
    remaining=$((size - ${#head}))
    ((remaining >= 2)) || die "message size $size too small"
    while ((remaining > 80)); do
        i=$((i + 1))
        printf -v line 'message %d line %04d %s' "$n" "$i" "................................................................"
        line=${line:0:76}
        body+="$line"$'\r\n'
        remaining=$((remaining - 78))
    done
    printf -v line '%*s' $((remaining - 2)) ''
    body+="${line// /z}"$'\r\n'
    printf '%s%s' "$head" "$body" >"$file"
    local actual
    actual=$(wc -c <"$file")
    ((actual == size)) || die "message $n is $actual octets, wanted $size"
}

# --- config ---------------------------------------------------------------------

write_config() {
    local uid gid internal_user perf_block="" penalty_block
    penalty_block="service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}"
    if [[ ${IMAPWATCH_DOVECOT_AUTH_PENALTY:-0} == 1 ]]; then
        penalty_block="# IMAPWATCH_DOVECOT_AUTH_PENALTY=1: anvil auth penalty left on (Dovecot default)"
    fi
    uid=$(id -u "$MAIL_USER") || die "no such user: $MAIL_USER"
    gid=$(id -g "$MAIL_USER")
    ((uid != 0)) || die "mail user must not be root (Dovecot refuses uid 0 mail access)"
    internal_user=dovecot
    id -u "$internal_user" >/dev/null 2>&1 || die "user 'dovecot' missing (install dovecot-core)"

    # The MTA's way in: deliveries over LMTP and SASL questions, on sockets in base_dir that only Postfix's
    # user may open. A "+detail" of the recipient names the folder (monitor+Junk@example.test lands in Junk).
    local protocols="imap" mta_block="" auth_listener=""
    if with_mta; then
        protocols="imap lmtp"
        auth_listener="
  unix_listener auth-postfix {
    mode = 0600
    user = postfix
    group = postfix
  }"
        mta_block="
recipient_delimiter = +
lmtp_save_to_detail_mailbox = yes
service lmtp {
  unix_listener lmtp-postfix {
    mode = 0600
    user = postfix
    group = postfix
  }
}
"
    fi
    local auth_limit=""
    if [[ $PERF == 1 ]]; then
        local n
        n=$(nproc 2>/dev/null || echo 2)
        ((n < 2)) && n=2
        ((n > 8)) && n=8
        perf_block="
# IMAPWATCH_DOVECOT_PERF=1: reuse processes so the server is not the bottleneck
# of a load test (Debian's default forks a login and an imap process per
# connection). All users share one uid, so imap process reuse is safe here.
service imap-login {
  service_count = 0
  process_min_avail = $n
  client_limit = 1000
}
service imap-login-nostarttls {
  service_count = 0
  process_min_avail = 1
  client_limit = 1000
}
service imap {
  service_count = 0
  client_limit = 1
  process_min_avail = $n
  process_limit = 1024
}
"
        auth_limit="
  client_limit = 2000"
    fi

    {
        printf '%s\n' "# Generated by scripts/testbed.sh; rewritten on every start."
        printf '%s\n' "# Test instance only: loopback listeners, own base_dir/state_dir."
        cat <<EOF
instance_name = imapwatch-test
base_dir = $BASE_DIR
state_dir = $STATE_DIR/state
protocols = $protocols
listen = $HOST
shutdown_clients = yes
verbose_proctitle = no

log_path = $LOG_FILE
info_log_path = $LOG_FILE
debug_log_path = $LOG_FILE
auth_verbose = yes
auth_verbose_passwords = no
auth_debug = no
auth_debug_passwords = no
mail_debug = no

default_internal_user = $internal_user
default_login_user = dovenull
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $gid
last_valid_gid = $gid

# xoauth2/oauthbearer without an OAuth2 service: Dovecot 2.3 verifies the
# bearer token like a plain password against the passdb, so a user's password
# serves as its token; a wrong one gets the mechanism's JSON error challenge.
auth_mechanisms = plain login xoauth2 oauthbearer
# Dovecot counts 127.0.0.1 -> 127.0.0.1 as secured, so LOGIN is accepted on the
# plain port before STARTTLS there anyway. Tests of "refuses plaintext" must
# test the probe's own policy.
disable_plaintext_auth = yes

# Failed logins must not slow later tests. Two mechanisms in Dovecot 2.3.19,
# measured with scripts/dovecot-selftest.py (python imaplib over 127.0.0.1):
# 1. auth_failure_delay (default 2 s) delays the failure reply itself. With 0,
#    2.3.19 still queues failures and flushes them on a fixed 500 ms timer, so
#    a wrong-password NO takes ~0.5 s (not 2 s). (A passdb "nodelay" extra field
#    did not change that for password mismatches / unknown users.)
auth_failure_delay = 0
# 2. The anvil auth penalty: each failure raises a per-client-IP penalty in
#    anvil, and the auth process then waits 2 s doubled per penalty step (max
#    15 s) BEFORE
#    handling the next authentication from that IP - even with the right
#    password, on a new connection, from 127.0.0.1. auth_failure_delay = 0 does
#    not turn it off in 2.3.19 and there is no setting for it. Measured: correct
#    LOGIN right after one failure 4.0 s, after the next failure 8.0 s.
#    The auth process disables the penalty silently when the socket
#    "anvil-auth-penalty" does not exist (ENOENT), and anvil does not create a
#    unix_listener whose mode is 0. With that: ~6 ms. Set
#    IMAPWATCH_DOVECOT_AUTH_PENALTY=1 to keep Dovecot's default behaviour.
$penalty_block
ssl = yes
ssl_min_protocol = TLSv1.2
ssl_cert = <$TLS_DIR/valid.pem
ssl_key = <$TLS_DIR/valid.key
ssl_prefer_server_ciphers = yes

# Per-address certificates: Dovecot 2.3 "local" filters match the local
# (server-side) IP of the connection, so one imaps listener bound to several
# loopback addresses serves a different certificate on each.
local $EXPIRED_HOST {
  ssl_cert = <$TLS_DIR/expired.pem
  ssl_key = <$TLS_DIR/expired.key
}
local $UNTRUSTED_HOST {
  ssl_cert = <$TLS_DIR/untrusted.pem
  ssl_key = <$TLS_DIR/untrusted.key
}
local $SOON_HOST {
  ssl_cert = <$TLS_DIR/soon.pem
  ssl_key = <$TLS_DIR/soon.key
}

service imap-login {
  inet_listener imap {
    address = $HOST
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = $HOST, $EXPIRED_HOST, $UNTRUSTED_HOST, $SOON_HOST
    port = $IMAPS_PORT
    ssl = yes
  }
}

# A second imap-login service whose processes run with ssl=no (the -o option
# overrides a setting for that executable only): plain IMAP that does not
# offer STARTTLS, on its own port of 127.0.0.1.
service imap-login-nostarttls {
  executable = imap-login -o ssl=no
  type = login
  protocol = imap
  user = \$default_login_user
  chroot = login
  inet_listener imap-nostarttls {
    address = $HOST
    port = $NOSTARTTLS_PORT
  }
}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $STATE_DIR/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $STATE_DIR/users
}

mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
}

service auth {$auth_limit$auth_listener
}
$mta_block

mail_plugins = \$mail_plugins quota
protocol imap {
  mail_plugins = \$mail_plugins imap_quota
}
# "count" keeps usage in the index from the messages' virtual sizes (CRLF), so
# STORAGE is exact: the seeded messages add up to 18 KiB.
plugin {
  quota = count:$QUOTA_ROOT
  quota_vsizes = yes
  quota_rule = *:storage=${QUOTA_STORAGE_KB}k:messages=$QUOTA_MESSAGES
}
EOF
        printf '%s' "$perf_block"
    } >"$CONF"
}

# --- start ------------------------------------------------------------------------

random_password() { head -c 18 /dev/urandom | base64 | tr '+/' '-_'; }

wait_until_ready() {
    local deadline=$((SECONDS + START_TIMEOUT)) pending
    while :; do
        pending=()
        greets "$HOST" "$IMAP_PORT" || pending+=("$HOST:$IMAP_PORT")
        greets "$HOST" "$NOSTARTTLS_PORT" || pending+=("$HOST:$NOSTARTTLS_PORT")
        for a in "$HOST" "$EXPIRED_HOST" "$UNTRUSTED_HOST" "$SOON_HOST"; do
            port_open "$a" "$IMAPS_PORT" || pending+=("$a:$IMAPS_PORT")
        done
        [[ -S $BASE_DIR/auth-userdb ]] || pending+=("auth-userdb socket")
        if with_mta; then
            [[ -S $BASE_DIR/lmtp-postfix ]] || pending+=("lmtp-postfix socket")
        fi
        ((${#pending[@]} == 0)) && return 0
        if ((SECONDS >= deadline)); then
            log "not ready after ${START_TIMEOUT}s: ${pending[*]}"
            return 1
        fi
        running_pid >/dev/null || { log "dovecot exited during startup"; return 1; }
        sleep 0.1
    done
}

show_log_tail() {
    if [[ -r $LOG_FILE ]]; then
        log "last lines of $LOG_FILE:"
        tail -n 20 "$LOG_FILE" >&2
    fi
}

doveadm_() { "$DOVEADM_BIN" -c "$CONF" "$@"; }

# shellcheck source=testbed/postfix.sh
source "$SCRIPT_DIR/testbed/postfix.sh"
MTA=${IMAPWATCH_TEST_MTA:-auto}
# Whether this start runs the MTA too.
with_mta() {
    case $MTA in
    0) return 1 ;;
    1) mta_installed || die "IMAPWATCH_TEST_MTA=1 but postfix is not installed (run scripts/bootstrap-debian.sh)" ;;
    *) mta_installed ;;
    esac
}

do_start() {
    local t0=$SECONDS uid gid
    ((EUID == 0)) || die "run as root (Dovecot needs it to switch to the mail user)"
    [[ -x $DOVECOT_BIN ]] || die "dovecot not installed (run scripts/bootstrap-debian.sh)"

    # Idempotent: stop a previous instance of ours first.
    do_stop

    for p in "$IMAP_PORT" "$IMAPS_PORT" "$NOSTARTTLS_PORT"; do
        [[ $p =~ ^[0-9]+$ ]] && ((p > 0 && p < 65536)) || die "bad port: $p"
    done
    for a in "$HOST" "$EXPIRED_HOST" "$UNTRUSTED_HOST" "$SOON_HOST"; do
        for p in "$IMAP_PORT" "$IMAPS_PORT" "$NOSTARTTLS_PORT"; do
            if port_open "$a" "$p"; then
                die "$a:$p is already in use by another process (set IMAPWATCH_TEST_*_PORT)"
            fi
        done
    done

    uid=$(id -u "$MAIL_USER") || die "no such user: $MAIL_USER"
    gid=$(id -g "$MAIL_USER")

    # Fresh state on every start (certificates, users, mail, logs).
    rm -rf "$STATE_DIR/mail" "$STATE_DIR/state" "$STATE_DIR/msg" "$BASE_DIR" "$LOG_DIR" "$STATE_DIR/postfix" \
        "$ENV_FILE" "$STATE_DIR/users" "$STATE_DIR"/*.password
    mkdir -p "$STATE_DIR" "$STATE_DIR/state" "$STATE_DIR/msg" "$LOG_DIR" "$BASE_DIR"
    chmod 0755 "$STATE_DIR"

    make_certs

    umask 077
    random_password >"$STATE_DIR/monitor.password"
    random_password >"$STATE_DIR/empty.password"
    random_password >"$STATE_DIR/flow.password"
    printf '%s\n' "$QUOTED_PASSWORD" >"$STATE_DIR/quoted.password"
    chmod 0600 "$STATE_DIR/monitor.password" "$STATE_DIR/empty.password" "$STATE_DIR/quoted.password" \
        "$STATE_DIR/flow.password"
    {
        printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$MONITOR_USER" "$(cat "$STATE_DIR/monitor.password")" \
            "$uid" "$gid" "$STATE_DIR/mail/example.test/monitor"
        printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$EMPTY_USER" "$(cat "$STATE_DIR/empty.password")" \
            "$uid" "$gid" "$STATE_DIR/mail/example.test/empty"
        printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$QUOTED_USER" "$QUOTED_PASSWORD" \
            "$uid" "$gid" "$STATE_DIR/mail/example.test/quoted"
        printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$FLOW_USER" "$(cat "$STATE_DIR/flow.password")" \
            "$uid" "$gid" "$STATE_DIR/mail/example.test/flow"
    } >"$STATE_DIR/users"
    umask 022
    # The auth process runs as the internal user "dovecot" and reads this file.
    chown "root:$(id -gn dovecot)" "$STATE_DIR/users"
    chmod 0640 "$STATE_DIR/users"

    mkdir -p "$STATE_DIR/mail/example.test/monitor" "$STATE_DIR/mail/example.test/empty" \
        "$STATE_DIR/mail/example.test/quoted" "$STATE_DIR/mail/example.test/flow"
    chown -R "$uid:$gid" "$STATE_DIR/mail"
    chmod -R u+rwX,go-rwx "$STATE_DIR/mail/example.test"
    # The mail user must be able to reach its home through every parent directory.
    if ! runuser -u "$MAIL_USER" -- test -w "$STATE_DIR/mail/example.test/monitor" 2>/dev/null; then
        die "user $MAIL_USER cannot write $STATE_DIR/mail (a parent directory is not traversable); set IMAPWATCH_TEST_DIR to e.g. /tmp/imapwatch-dovecot"
    fi

    local i
    for i in 1 2 3; do
        make_message "$i" "${MESSAGE_SIZES[i - 1]}" "$STATE_DIR/msg/$i.eml"
    done

    write_config
    "$DOVECOT_BIN" -c "$CONF" -n >/dev/null 2>"$LOG_DIR/doveconf.err" || {
        cat "$LOG_DIR/doveconf.err" >&2
        die "config check failed"
    }

    log "starting dovecot ($CONF)"
    # Detach from our stdio: the daemonized master must not hold a caller's
    # pipe open (`start | tee` would otherwise never finish).
    if ! "$DOVECOT_BIN" -c "$CONF" </dev/null >"$LOG_DIR/master.out" 2>&1; then
        cat "$LOG_DIR/master.out" >&2
        show_log_tail
        die "dovecot failed to start"
    fi
    # From here on a failure must not leave our Dovecot running.
    trap 'status=$?; if ((status != 0)); then show_log_tail; do_stop || true; fi' EXIT
    if ! wait_until_ready; then
        die "dovecot did not become ready"
    fi

    # Seed through Dovecot itself so indexes and quota usage are right.
    for i in 1 2 3; do
        doveadm_ save -u "$MONITOR_USER" -m INBOX <"$STATE_DIR/msg/$i.eml" ||
            die "doveadm save failed"
    done
    doveadm_ mailbox status -u "$EMPTY_USER" messages INBOX >/dev/null ||
        die "doveadm mailbox status (empty user) failed"
    local n
    n=$(doveadm_ -f flow mailbox status -u "$MONITOR_USER" messages INBOX)
    [[ $n == *"messages=3" ]] || die "seeding failed: $n"

    if with_mta; then
        mta_start
        log "postfix: submission $HOST:$SUBMISSION_PORT (STARTTLS), $HOST:$SUBMISSIONS_PORT (TLS)"
    fi
    write_env
    log "ready in $((SECONDS - t0))s; env: $ENV_FILE"
}

q() { printf '%q' "$1"; }

write_env() {
    local doveadm_cmd tmp
    doveadm_cmd="$(q "$DOVEADM_BIN") -c $(q "$CONF")"
    tmp=$ENV_FILE.tmp
    cat >"$tmp" <<EOF
# Generated by scripts/testbed.sh start; source it.
export IMAPWATCH_TEST_DIR=$(q "$STATE_DIR")
export IMAPWATCH_TEST_HOST=$HOST
export IMAPWATCH_TEST_TLS_NAME=$TLS_NAME
export IMAPWATCH_TEST_IMAP_PORT=$IMAP_PORT
export IMAPWATCH_TEST_IMAPS_PORT=$IMAPS_PORT
export IMAPWATCH_TEST_NOSTARTTLS_PORT=$NOSTARTTLS_PORT
export IMAPWATCH_TEST_EXPIRED_HOST=$EXPIRED_HOST
export IMAPWATCH_TEST_EXPIRED_PORT=$IMAPS_PORT
export IMAPWATCH_TEST_UNTRUSTED_HOST=$UNTRUSTED_HOST
export IMAPWATCH_TEST_UNTRUSTED_PORT=$IMAPS_PORT
export IMAPWATCH_TEST_SOON_HOST=$SOON_HOST
export IMAPWATCH_TEST_SOON_PORT=$IMAPS_PORT
export IMAPWATCH_TEST_CA=$(q "$TLS_DIR/ca.pem")
export IMAPWATCH_TEST_CERT_NOT_AFTER=$(cert_not_after_epoch "$TLS_DIR/valid.pem")
export IMAPWATCH_TEST_EXPIRED_NOT_AFTER=$(cert_not_after_epoch "$TLS_DIR/expired.pem")
export IMAPWATCH_TEST_SOON_NOT_AFTER=$(cert_not_after_epoch "$TLS_DIR/soon.pem")
export IMAPWATCH_TEST_USER=$MONITOR_USER
export IMAPWATCH_TEST_PASSWORD_FILE=$(q "$STATE_DIR/monitor.password")
export IMAPWATCH_TEST_EMPTY_USER=$EMPTY_USER
export IMAPWATCH_TEST_EMPTY_PASSWORD_FILE=$(q "$STATE_DIR/empty.password")
export IMAPWATCH_TEST_QUOTED_USER=$QUOTED_USER
export IMAPWATCH_TEST_QUOTED_PASSWORD_FILE=$(q "$STATE_DIR/quoted.password")
export IMAPWATCH_TEST_FLOW_USER=$FLOW_USER
export IMAPWATCH_TEST_FLOW_PASSWORD_FILE=$(q "$STATE_DIR/flow.password")
export IMAPWATCH_TEST_MESSAGE_SIZES="${MESSAGE_SIZES[*]}"
export IMAPWATCH_TEST_QUOTA_ROOT="$QUOTA_ROOT"
export IMAPWATCH_TEST_QUOTA_STORAGE_LIMIT_KB=$QUOTA_STORAGE_KB
export IMAPWATCH_TEST_QUOTA_MESSAGE_LIMIT=$QUOTA_MESSAGES
export IMAPWATCH_TEST_DOVECOT_CONF=$(q "$CONF")
export IMAPWATCH_TEST_DOVEADM=$(q "$doveadm_cmd")
export IMAPWATCH_TEST_DOVECOT_LOG=$(q "$LOG_FILE")
export IMAPWATCH_TEST_DOVECOT_PERF=$PERF
EOF
    if mta_running_pid >/dev/null; then mta_env >>"$tmp"; fi
    mv "$tmp" "$ENV_FILE"
}

do_status() {
    local pid
    if pid=$(running_pid); then
        local mta="no MTA"
        mta_running_pid >/dev/null && mta="postfix master pid $(mta_running_pid)"
        echo "running (dovecot master pid $pid, $mta, state $STATE_DIR)"
        return 0
    fi
    echo "not running (state $STATE_DIR)"
    return 3
}

do_env() {
    [[ -r $ENV_FILE ]] || die "no $ENV_FILE; run: bash scripts/testbed.sh start"
    cat "$ENV_FILE"
}

case ${1:-} in
start) do_start ;;
stop) do_stop ;;
restart) do_start ;;
status) do_status ;;
env) do_env ;;
mta-release) mta_release ;;
*)
    echo "usage: $0 start|stop|status|env|mta-release" >&2
    exit 2
    ;;
esac
