#!/usr/bin/env bash
# The accuracy table, field by field: the Scrapinghub benchmark (score.py's
# row: body F1, precision, recall) and portal-sim's truth (title, date,
# source, author, body, related). Under 10 s; run it before every commit
# that touches src/extract.
#   bench/accuracy.sh [build-dir] [portal-sim articles, default 1000]
# Needs ../shared (or GLEANER_SHARED) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
articles="${2:-1000}"
shared="${GLEANER_SHARED:-../shared}"
echo "== Scrapinghub, 181 pages (body) =="
bench/score.sh "$build"
echo
echo "== portal-sim, $articles articles (every field) =="
python3 bench/portal_accuracy.py --build "$build" --articles "$articles" --shared "$shared"
