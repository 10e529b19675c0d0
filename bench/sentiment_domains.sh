#!/usr/bin/env bash
# Cross-domain sentiment for docs/text-quality.md: for every development domain of
# online_shopping_9_cats.csv, train on the other domains (never the test domains 手机 and 计算机)
# and measure on the development domain, plain and adapted by self-training to its unlabelled
# texts; then the same once for the test domains. Prints one line per domain.
# Usage: bench/sentiment_domains.sh CLOSELOOP_BINARY DATA_DIR [--algo fasttext] [--solver own]
#        [--test-only]
set -euo pipefail
BIN=$1; DATA=$2/zh-sentiment/online_shopping_9_cats.csv; shift 2
ALGO=linear; SOLVER=liblinear; TEST_ONLY=0
while [ $# -gt 0 ]; do
  case $1 in
    --algo) ALGO=$2; shift 2 ;;
    --solver) SOLVER=$2; shift 2 ;;
    --test-only) TEST_ONLY=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
TEST=手机,计算机
accuracy() {  # MODEL DOMAINS
  "$BIN" model eval --task sentiment --model "$1" --data "$DATA" --text-col review \
    --label-col label --only "cat=$2" | awk '/accuracy/ {print $4}'
}
measure() {  # DOMAINS (measured) EXCEPT (left out of training)
  local args=(model train --task sentiment --data "$DATA" --text-col review --label-col label
              --except "cat=$2" --algo "$ALGO")
  [ "$ALGO" = linear ] && args+=(--solver "$SOLVER")
  "$BIN" "${args[@]}" --out "$WORK/plain.bin" >/dev/null
  local plain adapted=-
  plain=$(accuracy "$WORK/plain.bin" "$1")
  if [ "$ALGO" = linear ]; then
    "$BIN" "${args[@]}" --adapt-data "$DATA" --adapt-only "cat=$1" --out "$WORK/adapted.bin" >/dev/null
    adapted=$(accuracy "$WORK/adapted.bin" "$1")
  fi
  printf '%-10s plain %s  adapted %s\n' "$1" "$plain" "$adapted"
}
if [ "$TEST_ONLY" = 0 ]; then
  for dev in 书籍 平板 水果 洗发水 热水器 蒙牛 衣服; do measure "$dev" "$TEST,$dev"; done
fi
measure "$TEST" "$TEST"
