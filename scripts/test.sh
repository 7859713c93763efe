#!/usr/bin/env bash
# The whole test suite: installs what the tests need, starts the test bed on loopback, runs every test, then the
# sanitizer suites and the fuzzers, stops it, then builds the Debian package, installs, checks and purges it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/bootstrap-debian.sh
# The test bed: Dovecot and the MTA that delivers into it (scripts/testbed.sh), which must check out before the
# suite relies on it (scripts/testbed-selftest.py, a few seconds).
IMAPWATCH_TEST_MTA=1 bash scripts/testbed.sh start
trap 'bash scripts/testbed.sh stop' EXIT
eval "$(bash scripts/testbed.sh env)"
python3 scripts/testbed-selftest.py
export IMAPWATCH_REQUIRE_DOVECOT=1

swift build --build-tests
# One test at a time: several suites assert that deadlines hold (a probe ends at its deadline, a refused port
# fails fast), and on a 2-core machine parallel TLS handshakes and subprocesses delay each other by seconds.
# The whole suite takes about two and a half minutes.
swift test --skip-build --no-parallel "$@"

# The concurrency-heavy suites under ThreadSanitizer and the TLS handler suites under AddressSanitizer, each kind
# in a build of its own (scripts/sanitize.sh), then every fuzz target briefly (scripts/fuzz.sh; a long run is
# `bash scripts/fuzz.sh 600`). Together about 20 minutes on 2 cores, most of it the three extra builds (the whole
# script on a clean clone: 32 minutes on 2 cores).
bash scripts/sanitize.sh
bash scripts/fuzz.sh 20

# The Debian package: a release build, installed with dpkg, checked, purged (scripts/test-deb.sh). It needs root,
# as CI has; elsewhere it is skipped, loudly.
if ((EUID == 0)); then
    bash scripts/test-deb.sh
elif [[ -n ${CI:-} ]]; then
    echo 'test.sh: scripts/test-deb.sh needs root, and CI must run it' >&2
    exit 1
else
    printf '\ntest.sh: *** SKIPPED scripts/test-deb.sh: it installs and purges the package, which needs root ***\n\n' >&2
fi
