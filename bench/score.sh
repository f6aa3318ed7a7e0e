#!/usr/bin/env bash
# Accuracy on the Scrapinghub article-extraction benchmark (181 pages):
# writes our predictions and prints score.py's table row.
#   bench/score.sh [build-dir]          (default: build; needs ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
shared="${GLEANER_SHARED:-../shared}"
mkdir -p bench/out
"$build/bench/extract_corpus" --repeat 1 --predictions bench/out/scrapinghub.json \
  --urls "$shared/bench/scrapinghub/ground-truth.json" \
  "$shared/bench/scrapinghub/html" >/dev/null
python3 "$shared/bench/score.py" --truth "$shared/bench/scrapinghub/ground-truth.json" \
  --per-page bench/out/scrapinghub-per-page.tsv bench/out/scrapinghub.json
