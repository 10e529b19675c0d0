#!/usr/bin/env bash
# Suggestions benchmark: a demo database plus ROWS generated complaints (default 1,000,000; 80 %
# resolved with a remedy, half of those surveyed), then suggestions for random open complaints.
# Prints the index build time, p50/p95/p99 latency and peak RSS.
# Usage: bench/run_suggestions.sh [ROWS] [QUERIES]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${1:-1000000}
QUERIES=${2:-2000}
[ -x "$ROOT/build/bench/suggestions_bench" ] || "$ROOT/scripts/build" suggestions_bench closeloop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/build/src/app/closeloop" demo --db "$WORK/bench.db" --complaints 200 >/dev/null
python3 "$ROOT/bench/gen_resolved_history.py" "$WORK/bench.db" "$ROWS"
echo "stored complaints: $(sqlite3 "$WORK/bench.db" 'SELECT count(*) FROM complaints')"
"$ROOT/build/bench/suggestions_bench" "$WORK/bench.db" "$QUERIES"
