#!/usr/bin/env bash
# SLA sweep benchmark: a demo database plus OPEN open complaints (default 1,000,000) with their
# SLA check jobs, DUE of them (default 10,000) due now; then the job worker sweeps.
# Usage: bench/run_sla_sweep.sh [OPEN] [DUE]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OPEN=${1:-1000000}
DUE=${2:-10000}
[ -x "$ROOT/build/bench/sla_sweep_bench" ] || "$ROOT/scripts/build" sla_sweep_bench closeloop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/build/src/app/closeloop" demo --db "$WORK/bench.db" --complaints 200 >/dev/null
# The demo's own checks are run first so that only the generated ones are measured.
"$ROOT/build/src/app/closeloop" jobs run --db "$WORK/bench.db" >/dev/null
NOW=$(sqlite3 "$WORK/bench.db" "SELECT max(received_at) + 60000 FROM complaints")
python3 "$ROOT/bench/gen_open_complaints.py" "$WORK/bench.db" "$OPEN" "$DUE" "$NOW"
/usr/bin/time -f "peak RSS %M KB" "$ROOT/build/bench/sla_sweep_bench" "$WORK/bench.db" "$NOW"
