#!/usr/bin/env bash
# Measures `warta push --typesense` on a real Typesense server: the golden records (and the
# seed's) replicated with fresh ids to N documents (default 10,000), pushed with the default
# batching into a new collection on a server started here on free ports, then stopped.
# Usage: scripts/bench-typesense.sh [N] [extra push flags…]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"; shift || true
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="$(bash scripts/install-typesense.sh)"
cargo build --release --quiet
WORK="$(mktemp -d "${TMPDIR:-/tmp}/warta-bench-typesense.XXXXXX")"
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$N" "$WORK/records.jsonl" seeds/*.expected.json fixtures/pages/*/expected.json <<'PY'
import json, sys
n, out, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
records = [json.load(open(f)) for f in files]
with open(out, "w") as f:
    for i in range(n):
        r = dict(records[i % len(records)])
        r["id"] = f"{r['id'][:24]}{i:08x}"
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API="$(port)"; PEER="$(port)"; mkdir -p "$WORK/data"
"$BIN" --data-dir "$WORK/data" --api-key bench --listen-address 127.0.0.1 --peering-address 127.0.0.1 \
  --api-port "$API" --peering-port "$PEER" >"$WORK/typesense.log" 2>&1 &
PID=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$API/health" | grep -q '"ok":true' && break; sleep 0.2; done
echo "bench: $N records, $(du -h "$WORK/records.jsonl" | cut -f1) of JSON Lines" >&2
/usr/bin/time -f "bench: wall %e s, warta CPU %U s user + %S s system, peak RSS %M KB" \
  "$TARGET/release/warta" push --typesense "http://127.0.0.1:$API" --collection bench --api-key bench \
  --rejects "$WORK/rejects.jsonl" "$@" "$WORK/records.jsonl"
curl -s -H 'X-TYPESENSE-API-KEY: bench' "http://127.0.0.1:$API/collections/bench" \
  | python3 -c 'import json,sys; print("bench: documents in the collection:", json.load(sys.stdin)["num_documents"])'
