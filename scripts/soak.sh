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
shared="${WARTA_SHARED:-/work/shared}"
dir="${SOAK_DIR:-/tmp/warta-soak}"
# SOAK_VERIFY=1: only check an existing (possibly interrupted) run: every output line names a
# distinct input, the lines cover a prefix of the inputs in walk order, and error records fall
# on the corrupted inputs.
if [ "${SOAK_VERIFY:-0}" = 1 ]; then
    python3 - "$dir" <<'PY'
import json, os, sys
d = sys.argv[1]
seen, errors, kinds = [], 0, {}
with open(os.path.join(d, "out.jsonl"), "rb") as f:
    for raw in f:
        if not raw.endswith(b"\n"):
            break  # the line being written when the run was stopped
        line = json.loads(raw)
        seen.append(line["source"])
        if "error" in line:
            errors += 1
            kinds[line["error"]["kind"]] = kinds.get(line["error"]["kind"], 0) + 1
index = lambda s: int(os.path.basename(s).split(".")[0])
ids = [index(s) for s in seen]
assert len(set(ids)) == len(ids), "an input has two lines"
# warta walks in file-name order: directories "0", "1", "10", "100", … then files likewise.
order = sorted(range(max(ids) + 1 if ids else 0), key=lambda i: (str(i // 1000), f"{i}.html"))
prefix = order[: len(ids)]
assert sorted(prefix) == sorted(ids), "the lines are not a prefix of the inputs"
corrupted = sum(1 for i in ids if i % 100 == 37)
print(f"verified: {len(ids)} inputs, {len(ids)} lines = {len(ids) - errors} records + {errors} error records; {corrupted} corrupted inputs among them; kinds {kinds}")
PY
    exit $?
fi
bin="${2:-${CARGO_TARGET_DIR:-$root/target}/release/warta}"
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release)"; exit 2; }
rm -rf "$dir"
mkdir -p "$dir/src" "$dir/in"
cp "$shared"/corpus-id/pages/*.html "$dir/src/"
# Python only for speed: 200,000 hard links from bash would fork 200,000 times.
corrupt=$(python3 - "$dir" "$n" <<'PY'
import gzip, os, random, sys
d, n = sys.argv[1], int(sys.argv[2])
pages = sorted(os.path.join(d, "src", f) for f in os.listdir(os.path.join(d, "src")))
rng = random.Random(6)
corrupt = 0
for i in range(n):
    sub = os.path.join(d, "in", str(i // 1000))
    if i % 1000 == 0:
        os.makedirs(sub, exist_ok=True)
    src, out = pages[i % len(pages)], os.path.join(sub, f"{i}.html")
    if i % 100 != 37:
        os.link(src, out)
        continue
    # 1%: one of seven kinds of damage, chosen by position.
    corrupt += 1
    data = open(src, "rb").read()
    kind = (i // 100) % 7
    if kind == 0:
        data = data[: len(data) * (i % 97 + 1) // 100]          # truncated
    elif kind == 1:
        data = rng.randbytes(4096)                               # random bytes
    elif kind == 2:
        data = b"\x89PNG\r\n\x1a\n" + rng.randbytes(512)       # an image named .html
    elif kind == 3:
        data = gzip.compress(data)[:2000]                        # broken gzip
    elif kind == 4:
        data = b""                                               # empty
    elif kind == 5:
        data = data[:3000] + b"\xff\xfe\xc3\x28" + data[3000:]   # invalid UTF-8
    else:
        data = b"<html><body>" + b"<div>" * 600 + b"<p>dalam</p></body></html>"  # too deep
    open(out, "wb").write(data)
print(corrupt)
PY
)
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
