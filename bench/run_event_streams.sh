#!/usr/bin/env bash
# What open event streams cost (issue 14: the web front end holds one per open tab): the
# server's RSS and CPU with STREAMS (default 1,000) open streams, quiet and while creates go on,
# /healthz beside them, and whether every stream got every new complaint.
# Usage: bench/run_event_streams.sh [STREAMS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/src/app/closeloop}
STREAMS=${1:-1000}
"$ROOT/scripts/install-deps" wrk
ulimit -n "$(ulimit -Hn)"
source "$ROOT/bench/common.sh"
DB=$WORK/streams.db
"$BIN" migrate --db "$DB" >/dev/null
echo "load-test-password" | "$BIN" user add --db "$DB" --username loader --role agent >/dev/null
SERVE_FLAGS="--access-log off ${SERVE_FLAGS:-}" start_server "$DB"
TOKEN=$(login loader load-test-password)
export TOKEN
PORT=${URL##*:}
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$PID/status"; }
cpu() { awk '{print $14 + $15}' "/proc/${1:-$PID}/stat"; }  # user + system, clock ticks
TICKS=$(getconf CLK_TCK)
sleep 1
echo "server RSS before streams: $(rss)"
python3 "$ROOT/bench/event_streams.py" 127.0.0.1 "$PORT" "$TOKEN" "$STREAMS" 45 >"$WORK/streams.out" &
CLIENT=$!
for _ in $(seq 1 200); do grep -q '^open' "$WORK/streams.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^open' "$WORK/streams.out" || { echo "streams did not open" >&2; exit 1; }
sleep 1
echo "server RSS with $STREAMS open streams: $(rss)"
before=$(cpu); sleep 10; after=$(cpu)
echo "server CPU over 10 s with $STREAMS quiet streams: $(( (after - before) * 1000 / TICKS )) ms"
echo "== /healthz beside the streams: wrk -t1 -c4 -d5s"
wrk -t1 -c4 -d5s --latency "$URL/healthz" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
echo "== creates while every stream gets each one: wrk -t1 -c8 -d10s -s bench/load/create.lua"
server_before=$(cpu); client_before=$(cpu "$CLIENT")
wrk -t1 -c8 -d10s --latency -s "$ROOT/bench/load/create.lua" "$URL" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
server_after=$(cpu); client_after=$(cpu "$CLIENT")
echo "CPU during the creates: server $(( (server_after - server_before) * 1000 / TICKS )) ms," \
  "the streams' client (Python, same 2 cores) $(( (client_after - client_before) * 1000 / TICKS )) ms"
echo "server RSS after the creates: $(rss)"
wait "$CLIENT"
cat "$WORK/streams.out" | grep streams
