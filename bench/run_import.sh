#!/usr/bin/env bash
# Bulk import benchmark: a generated complaint CSV of ROWS rows (default 1,000,000; customers
# resolved, ~3 complaints a customer) into a demo database. Prints rows/s and peak RSS.
# Usage: bench/run_import.sh [ROWS] [--gbk]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/build/src/app/closeloop"
ROWS=${1:-1000000}
ENC=${2:-}
[ -x "$BIN" ] || "$ROOT/scripts/build" closeloop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN" demo --db "$WORK/bench.db" --complaints 100 >/dev/null
python3 "$ROOT/bench/gen_complaints_csv.py" "$WORK/bench.db" "$WORK/complaints.csv" "$ROWS" $ENC
echo "file: $ROWS rows, $(du -h "$WORK/complaints.csv" | cut -f1) ${ENC:+(GB18030)}"
CLOSELOOP_IMPORT_CACHE_MIB=${CACHE:-64} /usr/bin/time -f "peak RSS %M KB, wall %e s" "$BIN" import complaints "$WORK/complaints.csv" \
  --db "$WORK/bench.db" --quiet --skip-analysis
echo "text analysis of what was imported (what a server's pipeline would do):"
/usr/bin/time -f "peak RSS %M KB, wall %e s" "$BIN" analyze --db "$WORK/bench.db"
echo "re-run (every row already imported, all skipped):"
"$BIN" import complaints "$WORK/complaints.csv" --db "$WORK/bench.db" --quiet
