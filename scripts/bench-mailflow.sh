#!/usr/bin/env bash
# The mail-flow loop's benchmark (issue #13): prints numbers, asserts nothing about them.
#
#   bash scripts/bench-mailflow.sh
#
# Builds MailFlowBench in release (scripts/build-release.sh), starts its own test bed with the MTA
# (IMAPWATCH_TEST_MTA=1; Dovecot in login-process-reuse mode, IMAPWATCH_DOVECOT_PERF=1) on loopback, stops it on
# exit, and runs the whole loop (submission with STARTTLS and AUTH, delivery by Postfix over LMTP, the mailbox by
# IMAP with STARTTLS: search rounds over INBOX and Junk, UID STORE and UID EXPUNGE, LOGOUT) in $BENCH_ROUNDS rounds
# of $BENCH_LOOPS loops each (after two warm-up loops), interleaved with the same loop by Python's smtplib and
# imaplib (bench_mailflow.py: the same commands and the same search schedule), the order rotated every round.
# Each figure is getrusage(RUSAGE_SELF) of the whole process around its measured loops. Prints each round, then per
# tool the median over rounds of the CPU per loop and of the wall-clock median of a loop, the ratio imapwatch/Python
# (of the medians, and paired by round), and imapwatch's median time of each phase (the median over rounds of each
# round's median). Every loop must succeed: a failed one stops the script with the reason.
#
# Env knobs: BENCH_LOOPS (100), BENCH_ROUNDS (5), IMAPWATCH_BENCH_DIR (/tmp/imapwatch-bench-mailflow), and the
# ports IMAPWATCH_BENCH_IMAP_PORT (31143), IMAPWATCH_BENCH_IMAPS_PORT (31993), IMAPWATCH_BENCH_NOSTARTTLS_PORT
# (31144), IMAPWATCH_BENCH_SUBMISSION_PORT (31587), IMAPWATCH_BENCH_SUBMISSIONS_PORT (31465).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

loops=${BENCH_LOOPS:-100}
rounds=${BENCH_ROUNDS:-5}
export IMAPWATCH_TEST_DIR=${IMAPWATCH_BENCH_DIR:-/tmp/imapwatch-bench-mailflow}
export IMAPWATCH_TEST_IMAP_PORT=${IMAPWATCH_BENCH_IMAP_PORT:-31143}
export IMAPWATCH_TEST_IMAPS_PORT=${IMAPWATCH_BENCH_IMAPS_PORT:-31993}
export IMAPWATCH_TEST_NOSTARTTLS_PORT=${IMAPWATCH_BENCH_NOSTARTTLS_PORT:-31144}
export IMAPWATCH_TEST_SUBMISSION_PORT=${IMAPWATCH_BENCH_SUBMISSION_PORT:-31587}
export IMAPWATCH_TEST_SUBMISSIONS_PORT=${IMAPWATCH_BENCH_SUBMISSIONS_PORT:-31465}
export IMAPWATCH_TEST_MTA=1
export IMAPWATCH_DOVECOT_PERF=1

bash scripts/bootstrap-debian.sh >&2
echo "bench-mailflow: building release (MailFlowBench)" >&2
bin="$(bash scripts/build-release.sh MailFlowBench)"

started=0
cleanup() { ((started)) && bash scripts/testbed.sh stop >&2; }
trap cleanup EXIT
bash scripts/testbed.sh start >&2
started=1
eval "$(bash scripts/testbed.sh env)"

# "name=value" out of a result line.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

common=(--host "$IMAPWATCH_TEST_SMTP_HOST" --imap-port "$IMAPWATCH_TEST_IMAP_PORT"
    --smtp-port "$IMAPWATCH_TEST_SUBMISSION_PORT" --ca-file "$IMAPWATCH_TEST_CA"
    --user "$IMAPWATCH_TEST_FLOW_USER" --password-file "$IMAPWATCH_TEST_FLOW_PASSWORD_FILE" --count "$loops")
swift_cmd=("$bin/MailFlowBench" "${common[@]}" --imap-sni "$IMAPWATCH_TEST_TLS_NAME" --smtp-sni "$IMAPWATCH_TEST_SMTP_TLS_NAME")
python_cmd=(python3 scripts/bench_mailflow.py "${common[@]}")

echo "== host: $(nproc) CPUs, $(uname -srm), $(openssl version), $(python3 --version); $(date -u '+%Y-%m-%d %H:%M') UTC"
echo "== Dovecot $(dovecot --version | cut -d' ' -f1) (login-process reuse), Postfix $(dpkg-query -W -f='${Version}' postfix 2>/dev/null || echo '?')," \
    "$rounds rounds of $loops loops each, order rotated"

declare -a swift_cpu=() python_cpu=() swift_wall=() python_wall=() paired=() phase_lines=()
for ((round = 1; round <= rounds; round++)); do
    order=(swift python)
    ((round % 2 == 0)) && order=(python swift)
    for tool in "${order[@]}"; do
        if [[ $tool == swift ]]; then
            out=$("${swift_cmd[@]}")
            line=$(head -1 <<<"$out")
            phase_lines+=("$(tail -1 <<<"$out")")
            swift_cpu+=("$(field "$line" cpu_ms_per_probe)")
            swift_wall+=("$(field "$line" wall_ms_median)")
            echo "round $round imapwatch: cpu_ms_per_loop=${swift_cpu[-1]} wall_ms_median=${swift_wall[-1]}"
        else
            line=$("${python_cmd[@]}")
            python_cpu+=("$(field "$line" cpu_ms_per_loop)")
            python_wall+=("$(field "$line" wall_ms_median)")
            echo "round $round python:    cpu_ms_per_loop=${python_cpu[-1]} wall_ms_median=${python_wall[-1]}"
        fi
    done
    paired+=("$(ratio "${swift_cpu[-1]}" "${python_cpu[-1]}")")
done

sc=$(median "${swift_cpu[@]}")
pc=$(median "${python_cpu[@]}")
echo "== CPU ms per loop (median of rounds): imapwatch $sc, Python $pc;" \
    "imapwatch/Python $(ratio "$sc" "$pc") (paired by round: $(median "${paired[@]}"))"
echo "== wall ms per loop (median of rounds' medians): imapwatch $(median "${swift_wall[@]}"), Python $(median "${python_wall[@]}")"
# Each phase's median over rounds of the rounds' medians, in the order MailFlowBench prints them.
declare -A phase_values=()
declare -a phase_order=()
for line in "${phase_lines[@]}"; do
    for pair in ${line#phases_median_ms }; do
        name=${pair%%=*}
        [[ -v "phase_values[$name]" ]] || phase_order+=("$name")
        phase_values[$name]+=" ${pair#*=}"
    done
done
summary="== imapwatch phase medians ms (median over rounds):"
for name in "${phase_order[@]}"; do
    # shellcheck disable=SC2086 # the values are numbers, split on purpose
    summary+=" $name=$(median ${phase_values[$name]})"
done
echo "$summary"
