#!/usr/bin/env bash
# Load benchmark of webhook intake: signed Tmall-style review deliveries, each new, posted with
# wrk (2 threads, 8 connections) for $SECONDS_TO_RUN s on loopback against a SQLite file.
# Usage: bench/run_webhook_load.sh [build-dir]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
BIN=$BUILD/src/app/closeloop
SECONDS_TO_RUN=${SECONDS_TO_RUN:-20}
COUNT=${COUNT:-120000}
"$ROOT/scripts/install-deps" wrk
source "$ROOT/bench/common.sh"
DB=$WORK/hook.db
"$BIN" migrate --db "$DB" >/dev/null
echo "webhook-bench-admin" | "$BIN" user add --db "$DB" --username admin --role admin >/dev/null
echo "webhook-bench-agent" | "$BIN" user add --db "$DB" --username platform --role agent >/dev/null
start_server "$DB"
TOKEN=$(login admin webhook-bench-admin)
SECRET=$(curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$URL/api/v1/intake-sources" -d '{
  "name":"bench","channel":"ecommerce","user_id":2,
  "mapping":{"external_id":"/review_id","description":"/review/content","customer.phone":"/buyer/mobile",
             "order_ref":"/order/tid","occurred_at":"/review/created"}}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
export PAYLOADS=$WORK/payloads.tsv
python3 - "$SECRET" "$COUNT" >"$PAYLOADS" <<'PY'
import hashlib, hmac, json, sys
secret, count = sys.argv[1].encode(), int(sys.argv[2])
for i in range(count):
    body = json.dumps({"review_id": f"R{i:08d}",
                       "review": {"content": f"猫砂结团很差，粉尘大，猫咪打喷嚏，要求退货。第{i}条",
                                  "created": "2026-11-21T20:15:00+08:00"},
                       "buyer": {"mobile": f"136{i % 1000000:08d}"},
                       "order": {"tid": 4455000000 + i}}, ensure_ascii=False, separators=(",", ":"))
    sig = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    print(f"sha256={sig}\t{body}")
PY
echo "== webhook intake: wrk -t2 -c8 -d${SECONDS_TO_RUN}s --latency -s bench/load/webhook.lua ($COUNT pre-signed deliveries)"
WRK_THREADS=2 wrk -t2 -c8 -d"${SECONDS_TO_RUN}s" --latency -s "$ROOT/bench/load/webhook.lua" "$URL" |
  grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors"
echo "complaints stored: $(sqlite3 "$DB" "select count(*) from complaints where channel = 'ecommerce'")"
