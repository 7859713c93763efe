#!/usr/bin/env bash
# The test suites where a data race or a memory error would hide, under a sanitizer, each in a build of its own:
#
#   thread    ThreadSanitizer over the concurrency-heavy suites: Prober, Transport, Scheduler, Exposition, Alerting
#   address   AddressSanitizer over the TLS handler suites (OpenSSL through memory BIOs in NIO handlers)
#
#   bash scripts/sanitize.sh [thread|address]...     (default: both)
#
# It needs what `swift test` needs: scripts/test.sh runs it with the test Dovecot up and IMAPWATCH_REQUIRE_DOVECOT=1.
# Each kind builds the test suites into .build-<kind> (a sanitizer build shares nothing with the
# ordinary one) and runs its suites one test at a time, as scripts/test.sh does: parallel runs on 2 cores, slowed
# by the sanitizer, break the tests that check deadlines. Exits non-zero when a test fails or the sanitizer
# reports anything.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

declare -A scratch=([thread]=.build-tsan [address]=.build-asan)
tls_suites=(
    TLSHandshakeTests TLSServerHandlerTests TLSCloseNotifyTests TLSPendingWriteTests TLSServerContextTests
    TLSClientContextCacheTests StartTLSTests SessionFactsTests
)
# `swift test --filter` patterns, matched against Module.Suite/test.
declare -A suites=(
    [thread]='^(ProberTests|TransportTests|SchedulerTests|ExpositionTests|AlertingTests)\.'
    [address]="^TransportTests\.($(IFS='|'; echo "${tls_suites[*]}"))/"
)
kinds=("$@")
((${#kinds[@]})) || kinds=(thread address)
for kind in "${kinds[@]}"; do
    [[ -n ${scratch[$kind]:-} ]] || { echo "usage: bash scripts/sanitize.sh [thread|address]..." >&2; exit 64; }
done

# ThreadSanitizer cannot see Synchronization's Mutex lock and unlock on Linux (they run in the uninstrumented
# standard library), so every access under one is reported as a race: the code takes its locks from
# NIOConcurrencyHelpers (pthread mutexes, which the sanitizer intercepts) instead.
if mutexes=$(grep -rnwE 'Mutex' Sources Tests Benchmarks Fuzz --include='*.swift' | grep -v '^[^:]*:[0-9]*: *//'); then
    echo "sanitize.sh: Synchronization's Mutex is invisible to ThreadSanitizer; use NIOLockedValueBox:" >&2
    echo "$mutexes" >&2
    exit 1
fi

for kind in "${kinds[@]}"; do
    build_log="${scratch[$kind]}/sanitize-build.log" log="${scratch[$kind]}/sanitize.log"
    start=$SECONDS
    mkdir -p "${scratch[$kind]}"
    # The build-tool plugin's executable (GitRevisionTool) is built with the sanitizer too and runs during the
    # build: LeakSanitizer would fail it on the 32 bytes Foundation's Process.run leaks.
    # Only the test product: not the imapwatch binary, the benchmarks or the fuzz targets, which these suites
    # never start.
    if ! ASAN_OPTIONS=detect_leaks=0 swift build --product imapwatchPackageTests --sanitize="$kind" \
        --scratch-path "${scratch[$kind]}" >"$build_log" 2>&1; then
        tail -40 "$build_log" >&2
        echo "sanitize.sh: the $kind build failed; the log: $build_log" >&2
        exit 1
    fi
    status=0
    # Leaks in Foundation's Process and the XCTest runner are suppressed, each with its reason in the file.
    LSAN_OPTIONS=suppressions="$repo/scripts/lsan-suppressions.txt" swift test --skip-build --sanitize="$kind" --scratch-path "${scratch[$kind]}" --no-parallel \
        --filter "${suites[$kind]}" >"$log" 2>&1 || status=$?
    reports=$(grep -cE '^(WARNING: ThreadSanitizer|==[0-9]+==ERROR: (AddressSanitizer|LeakSanitizer))' "$log" || true)
    summary=$(grep -E '^✔ Test run|^✘ Test run' "$log" | tail -1)
    echo "sanitize $kind: ${summary:-no Swift Testing summary}; $reports sanitizer reports; $((SECONDS - start))s"
    if ((status != 0 || reports != 0)); then
        echo "sanitize.sh: $kind failed (exit $status); the log: $log" >&2
        exit 1
    fi
done
