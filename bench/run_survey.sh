#!/usr/bin/env bash
# Survey benchmark: N (default 10,000) resolved complaints with a survey due are dispatched by
# the job worker, then the survey page is fetched and answered over HTTP (build/bench/survey_bench).
# Usage: bench/run_survey.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$ROOT/build/bench/survey_bench" ] || "$ROOT/scripts/build" survey_bench
/usr/bin/time -f "peak RSS %M KB" "$ROOT/build/bench/survey_bench" "${1:-10000}"
