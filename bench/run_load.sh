#!/usr/bin/env bash
# Load benchmark of the API on loopback with wrk (8 connections, 2 wrk threads), on a SQLite file:
#   1. create: POST /api/v1/complaints for $CREATE_SECONDS s, then until 100,000 complaints exist;
#   2. get:    GET /api/v1/complaints/{id} over those complaints for $GET_SECONDS s;
#   3. server RSS (VmRSS) after 100,000 complaints and the gets.
#   and the largest WAL seen while it ran (sampled every 0.2 s); at the end each rate as a ratio
#   to the /healthz ceiling of the same run (this machine is noisy: compare ratios, not rates).
# Usage: [SERVE_FLAGS="--durability process"] bench/run_load.sh [build-dir]
#   (prints figures; docs/benchmarks.md records them)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
BIN=$BUILD/src/app/closeloop
CREATE_SECONDS=${CREATE_SECONDS:-20}
GET_SECONDS=${GET_SECONDS:-20}
TARGET=${TARGET:-100000}
"$ROOT/scripts/install-deps" wrk
source "$ROOT/bench/common.sh"
DB=$WORK/load.db
"$BIN" migrate --db "$DB" >/dev/null
echo "load-test-password" | "$BIN" user add --db "$DB" --username loader --role agent >/dev/null
start_server "$DB"
watch_wal "$DB"
TOKEN=$(login loader load-test-password)
export TOKEN
rss() { awk '/VmRSS/ {print $2/1024 " MB"}' "/proc/$PID/status"; }
# wrk's Requests/sec from its output on stdin (the output is passed through to stdout).
rate_of() { tee "$WORK/wrk.out" | grep -E "$1"; awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out" > "$WORK/$2.rate"; }
ratio() { python3 -c "print(f'{$(cat "$WORK/$1.rate") / $(cat "$WORK/healthz.rate"):.3f}')"; }

echo "== ceiling of the HTTP stack here: wrk -t2 -c8 -d5s on /healthz (one read, tiny JSON)"
wrk -t2 -c8 -d5s --latency "$URL/healthz" | rate_of "Requests/sec|99%" healthz

echo "== create: wrk -t2 -c8 -d${CREATE_SECONDS}s --latency -s bench/load/create.lua"
wrk -t2 -c8 -d"${CREATE_SECONDS}s" --latency -s "$ROOT/bench/load/create.lua" "$URL" | rate_of "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors" create
count=$(sqlite3 "$DB" "select count(*) from complaints")
while [ "$count" -lt "$TARGET" ]; do
  wrk -t2 -c8 -d10s -s "$ROOT/bench/load/create.lua" "$URL" >/dev/null
  count=$(sqlite3 "$DB" "select count(*) from complaints")
done
echo "complaints stored: $count; server RSS after creates: $(rss)"
echo "largest WAL while creating: $(( $(cat "$WORK/wal_max") / 1048576 )) MB"
# The search index is filled in the background; let it catch up so the next phase measures reads.
start=$(date +%s.%N)
while [ "$(sqlite3 "$DB" "select (select indexed_upto from search_index_state) >= (select max(id) from complaints)")" != "1" ]; do
  sleep 0.5
done
echo "search index caught up $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s after the last create"

echo "== get: wrk -t2 -c8 -d${GET_SECONDS}s --latency -s bench/load/get.lua (MAX_ID=$count)"
MAX_ID=$count wrk -t2 -c8 -d"${GET_SECONDS}s" --latency -s "$ROOT/bench/load/get.lua" "$URL" | rate_of "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors" get
echo "server RSS with $count complaints after gets: $(rss)"
kill -TERM "$PID"; wait "$PID" || true; PID=""
echo "database size: $(du -h "$DB" | cut -f1)"
echo "== as ratios to the /healthz ceiling of this run ($(cat "$WORK/healthz.rate")/s): create $(ratio create), get $(ratio get)"
