#!/usr/bin/env bash
# Build the Debian package, install it on this machine, check the installed files and commands, purge it, and
# check nothing is left. Leaves the machine as it found it, also when a step fails: the package is purged, and
# the imapwatch user and group (which a purge keeps, as Debian advises) are removed if this script made them.
# Refuses to run when imapwatch is already installed. Needs root (CI runs as root).
#
# Usage: bash scripts/test-deb.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

log() { printf 'test-deb: %s\n' "$*" >&2; }
fail() {
    log "FAIL: $*"
    exit 1
}

((EUID == 0)) || fail "needs root: it installs and purges the package"
if dpkg-query -W -f='${db:Status-Abbrev}' imapwatch 2>/dev/null | grep -qv '^un'; then
    fail "imapwatch is already installed here; this test installs and purges it, so it stops"
fi
had_user=0
getent passwd imapwatch >/dev/null && had_user=1
had_group=0
getent group imapwatch >/dev/null && had_group=1

out=$(mktemp -d)
cleanup() {
    local status=$?
    if dpkg-query -W -f='${db:Status-Abbrev}' imapwatch 2>/dev/null | grep -qv '^un'; then
        log "cleanup: dpkg --purge imapwatch"
        dpkg --purge imapwatch >&2 || status=1
    fi
    # An override naming the group would stop every later dpkg run once the group is gone.
    if ((!had_group)) && dpkg-statoverride --list /etc/imapwatch >/dev/null; then
        log "cleanup: removing the statoverride on /etc/imapwatch the package left"
        dpkg-statoverride --remove /etc/imapwatch || status=1
    fi
    if ((!had_user)) && getent passwd imapwatch >/dev/null; then
        log "cleanup: removing the imapwatch user this test created"
        deluser --quiet --system imapwatch 2>/dev/null || status=1
    fi
    if ((!had_group)) && getent group imapwatch >/dev/null; then
        delgroup --quiet --system imapwatch >&2 || status=1
    fi
    rm -rf "$out"
    exit "$status"
}
trap cleanup EXIT

start=$SECONDS
deb=$(bash scripts/build-deb.sh "$out")
log "built in $((SECONDS - start)) s: $deb"
dpkg-deb --info "$deb" >&2
dpkg-deb --contents "$deb" >&2

log "dpkg -i"
dpkg -i "$deb" >&2

/usr/bin/imapwatch --version
/usr/bin/imapwatch config check /etc/imapwatch/imapwatch.yml >/dev/null || fail "config check of the installed configuration"

for file in \
    /usr/bin/imapwatch \
    /etc/imapwatch/imapwatch.yml \
    /lib/systemd/system/imapwatch.service \
    /usr/share/man/man1/imapwatch.1.gz \
    /usr/share/bash-completion/completions/imapwatch \
    /usr/share/zsh/vendor-completions/_imapwatch \
    /usr/share/fish/vendor_completions.d/imapwatch.fish \
    /etc/nagios-plugins/config/imapwatch.cfg \
    /usr/share/doc/imapwatch/copyright \
    /usr/share/doc/imapwatch/changelog.Debian.gz \
    /usr/share/doc/imapwatch/examples/imapwatch.example.yml \
    /usr/share/doc/imapwatch/examples/web-config.example.yml \
    /usr/share/doc/imapwatch/examples/templates/example.json.mustache \
    /usr/share/doc/imapwatch/examples/icinga2/imapwatch.conf; do
    [[ -s $file ]] || fail "$file is missing or empty"
done
[[ $(stat -c '%U:%G %a' /etc/imapwatch) == "root:imapwatch 750" ]] ||
    fail "/etc/imapwatch is $(stat -c '%U:%G %a' /etc/imapwatch), not root:imapwatch 750"
[[ $(stat -c '%U:%G %a' /var/lib/imapwatch) == "imapwatch:imapwatch 700" ]] ||
    fail "/var/lib/imapwatch is $(stat -c '%U:%G %a' /var/lib/imapwatch), not imapwatch:imapwatch 700"
[[ $(getent passwd imapwatch | cut -d: -f7) == /usr/sbin/nologin ]] || fail "the imapwatch user has a login shell"
# The service user reads the configuration through its group.
setpriv --reuid=imapwatch --regid=imapwatch --clear-groups \
    /usr/bin/imapwatch config check /etc/imapwatch/imapwatch.yml >/dev/null ||
    fail "the imapwatch user cannot check /etc/imapwatch/imapwatch.yml"

manual=$(man -l /usr/share/man/man1/imapwatch.1.gz 2>&1 >/dev/null) || fail "man -l: $manual"
[[ -z $manual ]] || fail "man -l warns: $manual"
# scripts/man-page.sh checked every subcommand and option is in the page; here it must render as installed.
man -l /usr/share/man/man1/imapwatch.1.gz 2>/dev/null | grep -q '^SYNOPSIS' || fail "the man page does not render"
bash -n /usr/share/bash-completion/completions/imapwatch || fail "the bash completion does not parse"

systemd-analyze verify /lib/systemd/system/imapwatch.service || fail "systemd-analyze verify"
log "systemd-analyze security:"
systemd-analyze security --offline=yes /lib/systemd/system/imapwatch.service 2>&1 | tail -n 1 >&2

log "installed size: $(dpkg-query -W -f='${Installed-Size}' imapwatch) KiB; .deb: $(du -k "$deb" | cut -f1) KiB"

log "dpkg --purge imapwatch"
dpkg --purge imapwatch >&2
for path in /usr/bin/imapwatch /etc/imapwatch /var/lib/imapwatch /lib/systemd/system/imapwatch.service \
    /etc/nagios-plugins/config/imapwatch.cfg /usr/share/doc/imapwatch /usr/share/man/man1/imapwatch.1.gz; do
    [[ ! -e $path ]] || fail "$path is left after purge"
done
! dpkg-statoverride --list /etc/imapwatch >/dev/null || fail "the statoverride on /etc/imapwatch is left after purge"
getent passwd imapwatch >/dev/null || fail "purge removed the imapwatch user (Debian keeps it)"
log "OK in $((SECONDS - start)) s"
