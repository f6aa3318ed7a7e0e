#!/usr/bin/env bash
# One-core speed over the Scrapinghub pages: decode + parse + extract, with
# the plain-Gumbo baseline, median of 5 rounds.
#   bench/speed.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
shared="${GLEANER_SHARED:-../shared}"
taskset -c 0 "$build/bench/extract_corpus" --repeat "${REPEAT:-5}" --gumbo-baseline \
  --urls "$shared/bench/scrapinghub/ground-truth.json" \
  "$shared/bench/scrapinghub/html"
