#!/usr/bin/env bash
# Analytics benchmark: a demo database (organisation and names) plus N synthetic complaints with
# their facts over 2024-2026 (bench/gen_analytics_facts.sql), then dashboard tiles' latency
# (bench/analytics_bench.cpp) and `closeloop analytics rebuild` on the demo's own complaints.
# Usage: bench/run_analytics.sh [N] [RUNS]      (N default 1,000,000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000000}
RUNS=${2:-30}
BIN="$ROOT/build/src/app/closeloop"
[ -x "$ROOT/build/bench/analytics_bench" ] || "$ROOT/scripts/build" analytics_bench closeloop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" demo --db "$WORK/bench.db" --complaints 2000 >/dev/null
"$BIN" analytics rebuild --db "$WORK/bench.db"
start=$(date +%s.%N)
{ echo ".parameter set :n $N"; cat "$ROOT/bench/gen_analytics_facts.sql"; } | sqlite3 "$WORK/bench.db"
echo "generated $N facts in $(echo "$(date +%s.%N) - $start" | bc) s; $(du -h "$WORK/bench.db" | cut -f1)"
/usr/bin/time -f "peak RSS %M KB" "$ROOT/build/bench/analytics_bench" "$WORK/bench.db" "$RUNS"
