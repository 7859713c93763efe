#!/usr/bin/env bash
# Build the Debian package imapwatch_<version>-1_<arch>.deb: the release binary (the Swift runtime linked in
# statically), its man page and shell completions, the hardened systemd unit, a small default configuration,
# the examples, the Nagios and Icinga 2 definitions. Depends is computed from the binary's real shared-library
# needs with dpkg-shlibdeps. Needs dpkg-dev (scripts/bootstrap-debian.sh installs it).
#
# Usage: bash scripts/build-deb.sh [OUTPUT_DIR]     (default build/deb; prints the .deb's path on stdout)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

log() { printf 'build-deb: %s\n' "$*" >&2; }
fail() {
    log "$*"
    exit 1
}

out="${1:-build/deb}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

version=$(sed -n 's/^ *public static let current = "\([^"]*\)".*/\1/p' Sources/Commands/ImapwatchVersion.swift)
[[ $version =~ ^[0-9][0-9A-Za-z.+~]*$ ]] || fail "no version found in Sources/Commands/ImapwatchVersion.swift"
debversion="$version-1"
arch=$(dpkg --print-architecture)
# Every file's time and the changelog's date: the commit's, so two builds of one commit give the same files.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

log "scripts/build-release.sh imapwatch"
bin="$(bash scripts/build-release.sh imapwatch)/imapwatch"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Laid out as debhelper does (debian/control beside the package tree), which dpkg-shlibdeps expects.
root="$work/debian/imapwatch"
doc="$root/usr/share/doc/imapwatch"

install -D -m 0755 "$bin" "$root/usr/bin/imapwatch"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/imapwatch"
built_version=$("$root/usr/bin/imapwatch" --version)
[[ $built_version == *"$version"* ]] || fail "the binary says '$built_version', the sources say $version"

# Configuration: a small default that passes `config check` (a conffile), the full reference as an example.
install -D -m 0644 packaging/imapwatch.yml "$root/etc/imapwatch/imapwatch.yml"
"$root/usr/bin/imapwatch" config check "$root/etc/imapwatch/imapwatch.yml" >/dev/null ||
    fail "packaging/imapwatch.yml does not pass config check"
install -D -m 0644 -t "$doc/examples" packaging/imapwatch.example.yml packaging/web-config.example.yml
install -D -m 0644 -t "$doc/examples/templates" packaging/templates/example.json.mustache
# Nagios command definitions where Debian's monitoring-plugins keep theirs (nagios4 reads the folder); the
# Icinga 2 CheckCommand as an example to copy into /etc/icinga2/conf.d (its ITL folders belong to icinga2).
install -D -m 0644 packaging/nagios/imapwatch.cfg "$root/etc/nagios-plugins/config/imapwatch.cfg"
install -D -m 0644 -t "$doc/examples/icinga2" packaging/icinga2/imapwatch.conf

# The unit, with the packaged binary's path and a header for the package instead of manual install steps.
unit="$root/lib/systemd/system/imapwatch.service"
install -d "$(dirname "$unit")"
{
    printf '%s\n' \
        '# imapwatch serve under systemd, from the Debian package. The configuration is /etc/imapwatch/imapwatch.yml' \
        '# (secrets beside it, readable by the imapwatch group only; the package creates the user). Change this unit' \
        '# with `systemctl edit imapwatch` (an override survives upgrades). Once the configuration has targets:'
    sed -n '/^#   systemctl enable --now imapwatch/,$p' packaging/systemd/imapwatch.service
} | sed -e 's|/usr/local/bin/imapwatch|/usr/bin/imapwatch|g' \
    -e 's|packaging/web-config.example.yml|/usr/share/doc/imapwatch/examples/web-config.example.yml|' \
    -e '/^Description=/a Documentation=man:imapwatch(1)' >"$unit"
chmod 0644 "$unit"
grep -q '^ExecStart=/usr/bin/imapwatch serve ' "$unit" || fail "the unit's ExecStart is not /usr/bin/imapwatch serve"
! grep -q '/usr/local\|useradd\|packaging/' "$unit" || fail "the unit still names a manual installation"

# Man page and completions, from the binary's own command tree.
bash scripts/man-page.sh "$root/usr/bin/imapwatch" >"$work/imapwatch.1"
install -d "$root/usr/share/man/man1"
gzip -9n <"$work/imapwatch.1" >"$root/usr/share/man/man1/imapwatch.1.gz"
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
    "$root/usr/share/fish/vendor_completions.d"
# bash-completion sources the file, so the generated #! line goes (lintian: bash-completion-with-hashbang).
"$root/usr/bin/imapwatch" --generate-completion-script bash | sed '1{/^#!/d}' \
    >"$root/usr/share/bash-completion/completions/imapwatch"
"$root/usr/bin/imapwatch" --generate-completion-script zsh >"$root/usr/share/zsh/vendor-completions/_imapwatch"
"$root/usr/bin/imapwatch" --generate-completion-script fish >"$root/usr/share/fish/vendor_completions.d/imapwatch.fish"

install -m 0644 packaging/debian/copyright "$doc/copyright"
{
    printf 'imapwatch (%s) unstable; urgency=medium\n\n' "$debversion"
    printf '  * Built from source revision %s.\n\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    printf ' -- %s  %s\n' "$(sed -n 's/^Maintainer: //p' packaging/debian/control)" \
        "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$doc/changelog.Debian.gz"

find "$root" -type d -exec chmod 0755 {} +
installed_size=$(du -s -k --apparent-size "$root" | cut -f1)
install -d "$root/DEBIAN"

# Depends: what dpkg-shlibdeps finds the binary needs, from the libraries' own shlibs/symbols files.
printf 'Source: imapwatch\n\nPackage: imapwatch\nArchitecture: any\n' >"$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O -e debian/imapwatch/usr/bin/imapwatch)
shlibs=${shlibs#shlibs:Depends=}
[[ -n $shlibs ]] || fail "dpkg-shlibdeps found no dependencies"
# The configuration is read with the system libyaml: its runtime package must be among them.
[[ $shlibs == *libyaml-0-2* ]] || fail "dpkg-shlibdeps did not name libyaml-0-2: $shlibs"
# Packed relative relocations (build-release.sh) need a loader that reads DT_RELR: glibc 2.36, which the binary
# asks for as the version GLIBC_ABI_DT_RELR; glibc's symbols file does not map that version to a package version.
versions=$(readelf -V "$work/debian/imapwatch/usr/bin/imapwatch")  # whole, not piped: grep -q would cut it short
if [[ $versions == *"Name: GLIBC_ABI_DT_RELR"* ]]; then
    libc=$(sed -nE 's/.*libc6 \(>= ([^)]+)\).*/\1/p' <<<"$shlibs")
    [[ -n $libc ]] || fail "the binary needs glibc 2.36 (DT_RELR), and Depends names no libc6 version: $shlibs"
    if dpkg --compare-versions "$libc" lt 2.36; then
        shlibs=${shlibs/"libc6 (>= $libc)"/"libc6 (>= 2.36)"}
    fi
fi
{
    sed -n '/^Package:/,/^Maintainer:/p' packaging/debian/control
    printf 'Version: %s\nArchitecture: %s\nInstalled-Size: %s\n' "$debversion" "$arch" "$installed_size"
    # adduser: postinst creates the system user. libcurl4: loaded with dlopen when a notification is sent, so
    # dpkg-shlibdeps cannot see it (7.85 for CURLOPT_PROTOCOLS_STR).
    printf 'Depends: adduser, libcurl4 (>= 7.85.0), %s\n' "$shlibs"
    sed -n '/^Description:/,$p' packaging/debian/control
} >"$root/DEBIAN/control"
printf '%s\n' /etc/imapwatch/imapwatch.yml /etc/nagios-plugins/config/imapwatch.cfg >"$root/DEBIAN/conffiles"
install -m 0755 -t "$root/DEBIAN" packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    >"$root/DEBIAN/md5sums"

find "$root" -exec touch --no-dereference -d "@$SOURCE_DATE_EPOCH" {} +
deb="$out/imapwatch_${debversion}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
log "built $deb ($(du -k "$deb" | cut -f1) KiB; installed $installed_size KiB; Depends: adduser, libcurl4, $shlibs)"
printf '%s\n' "$deb"
