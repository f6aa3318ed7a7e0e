#!/usr/bin/env bash
# One command: install what is missing, build, and run gleaner.
#   scripts/run.sh                      # extract the bundled sample portal page
#   scripts/run.sh extract URL|FILE     # any gleaner command line
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build >&2
if [ $# -eq 0 ]; then
  set -- extract samples/zh-portal-oneline-utf8.html --url http://www78564.xrbh.cn/news/35251.html
fi
exec build/gleaner "$@"
