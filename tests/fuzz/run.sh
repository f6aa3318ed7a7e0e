#!/usr/bin/env bash
# run.sh: runs the libFuzzer targets, two at a time, at the lowest priority.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]    (default 600 s, all targets)
# Env: BUILD (default ../build-fuzz, made as in docs/reliability.md),
#      CORPUS (default $BUILD/corpus, filled by seed.sh).
# Each target writes $BUILD/fuzz-logs/<target>.log; a crash, leak, timeout
# (> 1 s) or out-of-memory input lands in $BUILD/fuzz-artifacts/<target>/.
# Fork mode (-fork=1) keeps a run going past a timeout: on a shared 2-core
# machine a niced fuzzer can pass 1 s on an input that takes 0.1 s alone,
# so every timeout-* artifact is re-timed alone afterwards (replay it with
# `gleaner_fuzz_<t> -runs=1 FILE`); crashes still stop the run.
# Prints each target's last libFuzzer status line (executions, cov, ft).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD:-$root/../build-fuzz}"
corpus="${CORPUS:-$build/corpus}"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(charset extract robots url discover rules selector)

# -max_len per target: pages and feeds up to 1 MB, robots.txt past its
# 512 KiB cap, URLs 64 KB, rules 64 KB, selectors past their 4096-byte cap.
max_len() {
  case "$1" in
    charset|extract|discover) echo 1048576 ;;
    robots) echo 600000 ;;
    url|rules) echo 65536 ;;
    selector) echo 8192 ;;
  esac
}
dict() {
  case "$1" in
    charset|extract) echo html ;; discover) echo xml ;; robots) echo robots ;;
    url) echo url ;; rules) echo toml ;; selector) echo css ;;
  esac
}

mkdir -p "$build/fuzz-logs"
run_one() {
  local t="$1"
  mkdir -p "$corpus/$t" "$build/fuzz-artifacts/$t"
  nice -n 19 "$build/gleaner_fuzz_$t" "$corpus/$t" \
    -fork=1 -ignore_timeouts=1 -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -dict="$root/tests/fuzz/dicts/$(dict "$t").dict" \
    -artifact_prefix="$build/fuzz-artifacts/$t/" > "$build/fuzz-logs/$t.log" 2>&1 || true
}

status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run_one "${targets[i]}" &
  if [ $((i + 1)) -lt ${#targets[@]} ]; then run_one "${targets[i + 1]}" & fi
  wait
done
for t in "${targets[@]}"; do
  log="$build/fuzz-logs/$t.log"
  last="$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)"
  crashes="$(find "$build/fuzz-artifacts/$t" -type f ! -name 'timeout-*' | wc -l)"
  timeouts="$(find "$build/fuzz-artifacts/$t" -type f -name 'timeout-*' | wc -l)"
  printf '%-9s crashes=%s timeouts=%s  %s\n' "$t" "$crashes" "$timeouts" "$last"
  [ "$crashes" -eq 0 ] || status=1
done
exit "$status"
