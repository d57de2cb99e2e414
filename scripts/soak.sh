#!/usr/bin/env bash
# Soak run: `warta extract` over the shared corpus replicated to N documents (default 200,000)
# with 1% corrupted inputs mixed in, then checks that records + error records == inputs.
#   scripts/soak.sh [N] [WARTA_BINARY]
# Replicas are hard links (so 200,000 pages take no disk); corrupted inputs are real files
# (truncated, random bytes, a PNG header, broken gzip, empty, invalid UTF-8, deep nesting).
# Everything lives under ${SOAK_DIR:-/tmp/warta-soak} and is not committed.
set -euo pipefail
n="${1:-200000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${2:-${CARGO_TARGET_DIR:-$root/target}/release/warta}"
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)"; exit 2; }
shared="${WARTA_SHARED:-/work/shared}"
dir="${SOAK_DIR:-/tmp/warta-soak}"
rm -rf "$dir"
mkdir -p "$dir/src" "$dir/in"
cp "$shared"/corpus-id/pages/*.html "$dir/src/"
pages=("$dir"/src/*.html)
np=${#pages[@]}
corrupt=0
for ((i = 0; i < n; i++)); do
    sub="$dir/in/$((i / 1000))"
    [ $((i % 1000)) -eq 0 ] && mkdir -p "$sub"
    src="${pages[$((i % np))]}"
    out="$sub/$i.html"
    if [ $((i % 100)) -eq 37 ]; then
        # 1%: one of seven kinds of damage, chosen by position.
        corrupt=$((corrupt + 1))
        case $(((i / 100) % 7)) in
            0) head -c $(( ($(stat -c %s "$src") * (i % 97 + 1)) / 100 )) "$src" > "$out" ;;
            1) head -c 4096 /dev/urandom > "$out" ;;
            2) { printf '\x89PNG\r\n\x1a\n'; head -c 512 /dev/urandom; } > "$out" ;;
            3) gzip -c "$src" | head -c 2000 > "$out" ;;
            4) : > "$out" ;;
            5) { head -c 3000 "$src"; printf '\xff\xfe\xc3\x28'; tail -c +3001 "$src"; } > "$out" ;;
            6) { printf '<html><body>'; for _ in $(seq 1 600); do printf '<div>'; done; printf '<p>dalam</p></body></html>'; } > "$out" ;;
        esac
    else
        ln "$src" "$out"
    fi
done
echo "inputs: $n ($corrupt corrupted) under $dir/in"
start=$(date +%s.%N)
set +e
/usr/bin/time -f "wall_s=%e peak_rss_kb=%M" -o "$dir/time.txt" nice -n 19 "$bin" extract "$dir/in" -o "$dir/out.jsonl" 2> "$dir/stderr.txt"
code=$?
set -e
end=$(date +%s.%N)
lines=$(wc -l < "$dir/out.jsonl")
errors_any=$(grep -c '"error":{"kind"' "$dir/out.jsonl" || true)
records=$((lines - errors_any))
echo "exit code: $code"
echo "output lines: $lines = records $records + error records $errors_any"
echo "error kinds: $(grep -o '"error":{"kind":"[a-z_]*"' "$dir/out.jsonl" | sort | uniq -c | tr '\n' ' ')"
cat "$dir/time.txt"
echo "ms per document: $(echo "($end - $start) * 1000 / $n" | bc -l | cut -c1-6)"
if [ "$lines" -ne "$n" ]; then
    echo "FAIL: $lines lines for $n inputs"
    exit 1
fi
echo "OK: every input accounted for"
