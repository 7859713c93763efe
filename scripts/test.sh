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
swift test --skip-build "$@"
