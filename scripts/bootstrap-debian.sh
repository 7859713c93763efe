#!/usr/bin/env bash
# Install what imapwatch's build and test suite need on Debian 12 (bookworm).
#
# Idempotent: installs only the packages that are missing, runs `apt-get update`
# at most once and only when needed, and never starts the distribution's Dovecot
# service (nor Prometheus's or Alertmanager's: the tests run their own instances).
# Our tests run their own Dovecot on non-standard loopback ports (see
# scripts/testbed.sh), so they never touch or conflict with the system one.
#
# Usage (as root, or a user with sudo):  bash scripts/bootstrap-debian.sh [--bench]
#
# --bench also installs what only the benchmarks need (scripts/bench.sh, bench-serve.sh, compare-peers.sh):
# prometheus-blackbox-exporter, the baseline the daemon is compared with, and the Monitoring Plugins' check_imap and
# check_simap, the baselines of `imapwatch check`. The exporter's service is not started either (same policy-rc.d
# guard as Dovecot's); the benchmark runs its own instance on a loopback port. Builds, tests and CI do not need
# these and do not get them.
set -euo pipefail

PACKAGES=(
    libssl-dev
    libcurl4-openssl-dev
    libyaml-dev # the configuration files' YAML (the Config target links the system libyaml)
    zlib1g-dev # gzip for /metrics (CompressNIO links the system zlib)
    pkg-config
    dovecot-core
    dovecot-imapd
    dovecot-lmtpd # the test MTA delivers into the test Dovecot over LMTP
    postfix       # the test MTA (submission with STARTTLS and SASL through Dovecot's auth); its service is not started
    openssl
    python3
    ca-certificates
    procps
    apache2-utils # ships htpasswd: the tests make bcrypt hashes for --web.config.file with it
    git # the tests compare the binary's build revision with `git rev-parse`
    prometheus # ships promtool: `check metrics` in ExpositionTests, `check rules`/`test rules` on dashboards/ (its service is not started)
    prometheus-alertmanager # AlertingTests push alerts to a real Alertmanager on loopback (its service is not started)
    chromium # CommandsTests load serve's status page in headless Chromium (DOM and a phone-sized screenshot)
    dpkg-dev           # scripts/build-deb.sh: dpkg-shlibdeps computes the package's Depends (pulls in binutils: strip)
    adduser            # scripts/test-deb.sh installs the package, whose postinst creates the imapwatch user
    man-db             # scripts/test-deb.sh: the man page must render with `man -l`
    systemd            # scripts/test-deb.sh: systemd-analyze verify and security on the installed unit
)
if [[ ${1:-} == --bench ]]; then
    PACKAGES+=(
        prometheus-blackbox-exporter # scripts/bench-serve.sh: the baseline (its service is not started)
        monitoring-plugins-basic     # scripts/bench.sh, compare-peers.sh: check_imap and check_simap
        curl                         # scripts/bench-serve.sh: scrape timing (-w %{time_total})
        valgrind                     # scripts/bench.sh section 1c: instructions per probe (callgrind)
    )
elif (($#)); then
    printf 'bootstrap: unknown argument %s (only --bench)\n' "$1" >&2
    exit 2
fi

log() { printf 'bootstrap: %s\n' "$*" >&2; }

is_installed() {
    local status
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) || return 1
    [[ $status == ii* ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    log "all ${#PACKAGES[@]} packages already installed; nothing to do"
    exit 0
fi

log "missing: ${missing[*]}"

SUDO=()
if ((EUID != 0)); then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        log "not root and no sudo: cannot install ${missing[*]}"
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive

# Keep maintainer scripts from starting services (the distribution's dovecot
# would otherwise listen on 143/993 on every interface). invoke-rc.d and
# deb-systemd-invoke both honour policy-rc.d; exit code 101 means "action
# forbidden". If the machine already has a policy-rc.d (containers usually do),
# it is left exactly as it is; one we create is removed again on exit.
POLICY=/usr/sbin/policy-rc.d
created_policy=0
cleanup() {
    if ((created_policy)); then
        "${SUDO[@]}" rm -f "$POLICY"
    fi
}
trap cleanup EXIT
if [[ ! -e $POLICY ]]; then
    printf '#!/bin/sh\n# temporary, created by imapwatch scripts/bootstrap-debian.sh\nexit 101\n' |
        "${SUDO[@]}" tee "$POLICY" >/dev/null
    "${SUDO[@]}" chmod 0755 "$POLICY"
    created_policy=1
fi

# `apt-get update` once, only if the package lists are missing or do not know
# one of the packages we need (fresh images ship without lists).
needs_update=0
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    needs_update=1
else
    for pkg in "${missing[@]}"; do
        candidate=$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [[ -z $candidate || $candidate == "(none)" ]]; then
            needs_update=1
            break
        fi
    done
fi
if ((needs_update)); then
    log "apt-get update"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
fi

# Postfix's package asks what kind of mail system this is; "No configuration" leaves /etc/postfix without a main.cf,
# so nothing of the system's mail set-up is written or changed (the tests' instance has its own directory).
if [[ " ${missing[*]} " == *" postfix "* ]]; then
    printf 'postfix postfix/main_mailer_type select No configuration\n' | "${SUDO[@]}" debconf-set-selections
fi
log "apt-get install ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}"

still_missing=()
for pkg in "${PACKAGES[@]}"; do
    is_installed "$pkg" || still_missing+=("$pkg")
done
if ((${#still_missing[@]})); then
    log "still missing after install: ${still_missing[*]}"
    exit 1
fi

if ((created_policy)) && command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    # We did not start it, but the unit is enabled by the package and would
    # start at next boot. We deliberately do not change the system's service
    # configuration; tests use their own instance on other ports anyway.
    log "note: the distribution's dovecot.service is installed (not started by this script)"
fi
log "done"
