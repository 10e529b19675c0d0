#!/usr/bin/env bash
# Routing benchmark: a demo database plus AGENTS agents with profiles (default 2,000), OPEN open
# complaints assigned among them (default 100,000) and WAITING analysed complaints nobody has
# (default 2,000); then bench/routing_bench measures loading the pool, the decision, and the
# drain of the waiting queue through the store.
# Usage: bench/run_routing.sh [AGENTS] [OPEN] [WAITING]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AGENTS=${1:-2000}
OPEN=${2:-100000}
WAITING=${3:-2000}
[ -x "$ROOT/build/bench/routing_bench" ] || "$ROOT/scripts/build" routing_bench closeloop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/build/src/app/closeloop" demo --db "$WORK/bench.db" --complaints 200 >/dev/null
"$ROOT/build/src/app/closeloop" jobs run --db "$WORK/bench.db" >/dev/null
NOW=$(sqlite3 "$WORK/bench.db" "SELECT max(received_at) + 60000 FROM complaints")
python3 "$ROOT/bench/gen_routing_load.py" "$WORK/bench.db" "$AGENTS" "$OPEN" "$WAITING" "$NOW"
/usr/bin/time -f "peak RSS %M KB" "$ROOT/build/bench/routing_bench" "$WORK/bench.db" "$NOW"
