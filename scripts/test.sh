#!/usr/bin/env bash
# One command: install what is missing, build with warnings as errors, and
# pass the test suite; then the same suite under AddressSanitizer + UBSan.
#   scripts/test.sh            # both builds
#   GLEANER_NO_SANITIZE=1 scripts/test.sh   # the plain build only
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

scripts/setup.sh build -DGLEANER_WERROR=ON
(cd build && ctest --output-on-failure -j"$jobs")

if [ "${GLEANER_NO_SANITIZE:-0}" != 1 ]; then
  GLEANER_BUILD_TYPE=Debug scripts/setup.sh build-asan -DGLEANER_WERROR=ON \
    -DGLEANER_SANITIZE=ON -DGLEANER_BUILD_BENCH=OFF
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$jobs")
fi
echo "test.sh: all tests passed" >&2
