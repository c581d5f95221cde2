#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS (default 60) and prints, per target, the executions,
# their rate, the corpus size and the crashes. `make fuzz` calls this; so can you, with the
# targets to run as arguments. New inputs go to target/corpus/<target> (not committed); the
# committed corpus, fuzz/corpus/<target>, is only read. Exits 1 if any target crashed; the
# crashing input is in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${FUZZ_SECONDS:-60}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

cargo +nightly fuzz build
failed=0
report=()
for target in "${targets[@]}"; do
    mkdir -p "target/corpus/$target" "artifacts/$target" "target/logs"
    log="target/logs/$target.log"
    before=$(find "artifacts/$target" -type f | wc -l)
    echo "== $target: ${seconds}s"
    status=0
    cargo +nightly fuzz run "$target" "target/corpus/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
    after=$(find "artifacts/$target" -type f | wc -l)
    stat() { grep -m1 "^stat::$1:" "$log" | awk '{print $2}'; }
    execs=$(stat number_of_executed_units || true)
    rate=$(stat average_exec_per_sec || true)
    corpus=$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)
    crashes=$((after - before))
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        crashes="? (exit $status, see fuzz/$log)"
    fi
    if [ "$status" -ne 0 ]; then
        failed=1
        tail -30 "$log"
    fi
    report+=("$(printf '%-20s %6ss %12s execs %8s/s  corpus %-12s crashes %s' \
        "$target" "$seconds" "${execs:-?}" "${rate:-?}" "${corpus:-?}" "$crashes")")
done

echo
echo "target               time    executions      rate  corpus (units/bytes)"
printf '%s\n' "${report[@]}"
exit "$failed"
