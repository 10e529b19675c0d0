#!/usr/bin/env bash
# The server with misbehaving crowds (issue 14): SLOW clients sending one byte a second (default
# 1,000) and IDLE keep-alive connections (default 10,000) held open for the whole run, while wrk
# measures /healthz and creates go on (8 connections). Prints both, with the crowd's size.
# Usage: bench/run_slow_clients.sh [SLOW] [IDLE]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/build/src/app/closeloop}
SLOW=${1:-1000}
IDLE=${2:-10000}
"$ROOT/scripts/install-deps" wrk
ulimit -n "$(ulimit -Hn)"
source "$ROOT/bench/common.sh"
DB=$WORK/slow.db
"$BIN" migrate --db "$DB" >/dev/null
echo "load-test-password" | "$BIN" user add --db "$DB" --username loader --role agent >/dev/null
start_server "$DB"
TOKEN=$(login loader load-test-password)
export TOKEN
PORT=${URL##*:}
python3 "$ROOT/bench/slow_clients.py" 127.0.0.1 "$PORT" "$SLOW" "$IDLE" 40 &
CROWD=$!
sleep 15  # the crowd connects
echo "== with $SLOW slow and $IDLE idle clients: /healthz, wrk -t1 -c4 -d10s"
wrk -t1 -c4 -d10s --latency "$URL/healthz" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
echo "== and creates meanwhile: wrk -t1 -c8 -d10s -s bench/load/create.lua"
wrk -t1 -c8 -d10s --latency -s "$ROOT/bench/load/create.lua" "$URL" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
echo "server RSS: $(awk '/VmRSS/ {print $2/1024 " MB"}' "/proc/$PID/status"); open connections (fds): $(ls /proc/$PID/fd | wc -l)"
wait "$CROWD"
