#!/usr/bin/env bash
# libFuzzer with AddressSanitizer over the code that reads what comes from outside: the IMAP response framer and
# parser, the SMTP reply framer and EHLO reader, the configuration loader, the web configuration loader, the
# /probe target parser and the JSON check of template output. Each target (Fuzz/<Target>/main.swift) checks properties of its own beyond "no crash".
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     (default: 60 seconds each, every target)
#   FUZZ_RUNS=10000000 bash scripts/fuzz.sh 3600 imap-responses    (stop at 10 million executions, or an hour)
#
# Builds the targets with -sanitize=fuzzer,address into .build-fuzz, then runs each for SECONDS on a working
# corpus (.build-fuzz/corpus/TARGET, kept between runs) seeded from Fuzz/Seeds and the test fixtures. Prints the
# executions per target; exits 1 when any target found a crash, a leak, a timeout or a broken property, leaving
# the input in .build-fuzz/artifacts/TARGET and the log in .build-fuzz/logs/TARGET.log. Replay an input with an
# ordinary build: `swift run FuzzIMAPResponses .build-fuzz/artifacts/imap-responses/crash-...`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

seconds=${1:-60}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 64; }
shift $(($# > 0 ? 1 : 0))

# target: product, the longest input in bytes, seed files and folders.
declare -A product=(
    [imap-responses]=FuzzIMAPResponses [smtp-replies]=FuzzSMTPReplies [config-file]=FuzzConfigFile [web-config]=FuzzWebConfigFile
    [probe-target]=FuzzProbeTarget [template-json]=FuzzTemplateJSON
)
declare -A max_len=(
    [imap-responses]=2048 [smtp-replies]=2048 [config-file]=4096 [web-config]=1024 [probe-target]=300 [template-json]=1024
)
declare -A seeds=(
    [imap-responses]=Fuzz/Seeds/imap-responses
    [smtp-replies]=Fuzz/Seeds/smtp-replies
    [config-file]="Tests/ConfigTests/Fixtures packaging/imapwatch.example.yml packaging/imapwatch.yml"
    [web-config]="Fuzz/Seeds/web-config packaging/web-config.example.yml"
    [probe-target]=Fuzz/Seeds/probe-target
    [template-json]="Fuzz/Seeds/template-json packaging/templates"
)
order=(imap-responses smtp-replies config-file web-config probe-target template-json)
targets=("$@")
((${#targets[@]})) || targets=("${order[@]}")
for target in "${targets[@]}"; do
    [[ -n ${product[$target]:-} ]] || { echo "fuzz.sh: no target '$target' (targets: ${order[*]})" >&2; exit 64; }
done

scratch=.build-fuzz
# lld: the system gold linker fails on the sanitizer runtime's debug information. C code built here gets coverage
# and address checks too; libyaml is not among it: it is the system's shared library, built without them, so the
# config fuzzers exercise our handling of its events and errors but get no coverage from inside libyaml.
flags=(
    -c release --scratch-path "$scratch"
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
    -Xcc -fsanitize=fuzzer-no-link,address
)
# The build-tool plugin's executable (GitRevisionTool) is built with the same flags and runs during the build:
# LeakSanitizer would fail it on the 32 bytes Foundation's Process.run leaks, so leaks are not checked there.
build_log="$scratch/logs/build.log"
mkdir -p "$scratch/logs"
for target in "${targets[@]}"; do
    if ! ASAN_OPTIONS=detect_leaks=0 swift build "${flags[@]}" --product "${product[$target]}" >"$build_log" 2>&1; then
        tail -40 "$build_log" >&2
        echo "fuzz.sh: building ${product[$target]} failed; the log: $build_log" >&2
        exit 1
    fi
done
bin="$(swift build "${flags[@]}" --show-bin-path)"

# Relative paths in fuzzed configuration files resolve here: the fixtures' secrets/ and templates/ exist.
export IMAPWATCH_FUZZ_FILES="$repo/Tests/ConfigTests/Fixtures"
# No allocation stacks on every malloc (a third of the time in small inputs); a crash is replayed for them.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}

# The first line that says why a run failed: a property the target checks, or a libFuzzer or sanitizer report.
failure='fuzz property broken: .{0,160}|ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z -]+'
failed=0
for target in "${targets[@]}"; do
    corpus="$scratch/corpus/$target" artifacts="$scratch/artifacts/$target" log="$scratch/logs/$target.log"
    rm -rf "$artifacts"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    for seed in ${seeds[$target]}; do
        if [[ -d $seed ]]; then
            find "$seed" -maxdepth 1 -type f -exec cp -n {} "$corpus/" \;
        else
            cp -n "$seed" "$corpus/"
        fi
    done
    status=0
    "$bin/${product[$target]}" "$corpus" -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -timeout=10 \
        -rss_limit_mb=2048 -max_len="${max_len[$target]}" -print_final_stats=1 -artifact_prefix="$artifacts/" \
        >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [[ -n $runs ]] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if ((status == 0)); then
        echo "$target: ${runs:-?} executions (${rate:-?}/s), clean"
    else
        failed=1
        reason=$(grep -m1 -oE "$failure" "$log" || echo "exit $status")
        echo "$target: ${runs:-?} executions, FAILED: $reason; input in $artifacts, log $log"
    fi
done
exit "$failed"
