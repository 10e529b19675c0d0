#!/usr/bin/env bash
# The baseline for docs/text-quality.md: Debian's plain `fasttext` CLI with default settings,
# trained and tested on the same fixed split closeloop uses (`--split train|test`: data row i,
# 0-based in file order, is a test row when i % 5 == 0). Text as in the file (newlines removed).
# Usage: bench/fasttext_baseline.sh FILE TEXT_COL LABEL_COL
set -euo pipefail
FILE=$1; TEXT=$2; LABEL=$3
command -v fasttext >/dev/null || "$(dirname "$0")/../scripts/install-deps" fasttext
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
python3 - "$FILE" "$TEXT" "$LABEL" "$WORK" <<'PYEOF'
import csv, sys
path, text_col, label_col, work = sys.argv[1:5]
with open(path, newline="", encoding="utf-8-sig") as f, \
     open(work + "/train.txt", "w") as train, open(work + "/test.txt", "w") as test:
    for i, row in enumerate(csv.DictReader(f)):
        label = row[label_col].strip().replace(" ", "_")
        if not label:
            continue
        line = "__label__" + label + " " + " ".join(row[text_col].split()) + "\n"
        (test if i % 5 == 0 else train).write(line)
PYEOF
fasttext supervised -input "$WORK/train.txt" -output "$WORK/model" -verbose 0
echo "plain fasttext (defaults) on $FILE / $LABEL:"
fasttext test "$WORK/model.bin" "$WORK/test.txt"
