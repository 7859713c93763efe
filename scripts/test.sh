#!/usr/bin/env bash
# The whole test suite: installs what the tests need, starts a Dovecot on loopback, runs every test, stops it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/bootstrap-debian.sh
bash scripts/dovecot-test.sh start
trap 'bash scripts/dovecot-test.sh stop' EXIT
eval "$(bash scripts/dovecot-test.sh env)"
export IMAPWATCH_REQUIRE_DOVECOT=1

swift build --build-tests
# One test at a time: several suites assert that deadlines hold (a probe ends at its deadline, a refused port
# fails fast), and on a 2-core machine parallel TLS handshakes and subprocesses delay each other by seconds.
# The whole suite still runs in well under a minute.
swift test --skip-build --no-parallel "$@"
