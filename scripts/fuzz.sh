#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the ones named) for SECONDS each and fails on any crash.
#   scripts/fuzz.sh SECONDS [TARGET...]
# Env: FUZZ_LOG_DIR (default fuzz/logs) gets one log per target; FUZZ_NICE=1 runs under
# `nice -n 19`. Corpora come from scripts/fuzz-seeds.sh (run first when fuzz/corpus is missing).
# Crash inputs land in fuzz/artifacts/TARGET/; add each one as a regression test.
set -uo pipefail
seconds="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract_html clean_text dates figures quotes charset warc)
logs="${FUZZ_LOG_DIR:-$root/fuzz/logs}"
mkdir -p "$logs"
[ -d corpus ] || "$root/scripts/fuzz-seeds.sh"
nice=()
[ "${FUZZ_NICE:-0}" = 1 ] && nice=(nice -n 19)
# -a: debug assertions, so an arithmetic overflow is a crash, not a silent wrap.
"${nice[@]}" cargo +stable fuzz build --sanitizer none -a "${targets[@]:0:1}" >/dev/null 2>&1 || true
failed=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    log="$logs/$t.log"
    echo "== $t: ${seconds}s, log $log"
    # Whole pages run at ~30/s; 64 KiB inputs keep the HTML target mutating, not just parsing.
    extra=()
    [ "$t" = extract_html ] && extra=(-max_len=65536)
    # -timeout=10: one input that takes 10 s is a hang worth a report (pages take ~2 ms).
    if "${nice[@]}" cargo +stable fuzz run --sanitizer none -a "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" >"$log" 2>&1; then
        grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -2 | sed "s/^/   /"
    else
        echo "   CRASH or error in $t (see $log; inputs in fuzz/artifacts/$t/)"
        grep -E 'panicked at|ERROR: libFuzzer|Test unit written' "$log" | head -5 | sed "s/^/   /"
        failed+=("$t")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}"
    exit 1
fi
echo "all ${#targets[@]} targets ran ${seconds}s without a crash"
