#!/usr/bin/env bash
# npm run fuzz -- [--seconds N] [--target NAME[,NAME...]] [--build-only|--no-build] [--keep-going]
#        --keep-going: libFuzzer fork mode (one worker) that records each crash and carries on
#        scripts/fuzz.sh --replay BUILD_DIR   (npm test: runs the replay binaries of a native build over their seeds;
#                                              last line "fuzz-replay: N passed, N failed", one per target)
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) in build/fuzz and runs each one for N
# seconds (default 60), one at a time, single process, with its dictionary, the committed seeds, the seeds extracted
# from the shared vectors and a work corpus in build/fuzz/corpus/<target>. Crashes/property failures are saved in
# build/fuzz/artifacts/<target>/. Prints executions per target and exits non-zero if any target found something.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$MMHOOK_ROOT"

seconds=60
targets="check_json,check_form,check_multipart,check_none,slack,markdown,marked,command,parse_command"
build_only=0
no_build=0
keep_going=0
replay_dir=
while [ $# -gt 0 ]; do
  case "$1" in
    --replay) replay_dir=${2:?--replay needs a native build directory}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --target|--targets) targets=${2:?--target needs a value}; shift 2 ;;
    --target=*|--targets=*) targets=${1#*=}; shift ;;
    --build-only) build_only=1; shift ;;
    --no-build) no_build=1; shift ;;
    --keep-going) keep_going=1; shift ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "fuzz: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: --seconds must be a whole number" >&2; exit 2; }

if [ -n "$replay_dir" ]; then
  IFS=, read -r -a list <<<"$targets"
  passed=0; failed=0
  for t in "${list[@]}"; do
    bin=$(ls "$replay_dir/tests/fuzz/fuzz_replay_$t" "$replay_dir/fuzz_replay_$t" 2>/dev/null | head -n1)
    if [ -z "$bin" ]; then echo "  fuzz_replay_$t: not built in $replay_dir"; failed=$((failed + 1)); continue; fi
    log=$replay_dir/fuzz_replay_$t.log
    if "$bin" >"$log" 2>&1; then
      passed=$((passed + 1)); tail -n1 "$log" | sed 's/^/  /'
    else
      failed=$((failed + 1)); grep -E 'PROPERTY FAILED|detail:|input:|ERROR|runtime error|replay' "$log" | head -n 20 | sed 's/^/  /'
    fi
  done
  echo "fuzz-replay: $passed passed, $failed failed"
  [ "$failed" = 0 ]; exit
fi

CLANG=$(command -v clang || command -v clang-14 || true)
CLANGXX=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$CLANG" ] || [ -z "$CLANGXX" ]; then
  echo "fuzz: skipped (clang not installed; Debian: apt-get install clang libclang-rt-14-dev)"
  exit 0
fi

dir=build/fuzz
if [ ! -f "$dir/build.ninja" ]; then
  flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link"
  CC=$CLANG CXX=$CLANGXX cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" -DMMHOOK_SANITIZE=ON -DMMHOOK_FUZZ=ON \
    -DCMAKE_PROJECT_INCLUDE="$MMHOOK_ROOT/tests/fuzz/defer.cmake" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; echo "fuzz: configure failed"; exit 1; }
fi
IFS=, read -r -a list <<<"$targets"
build_targets=()
for t in "${list[@]}"; do build_targets+=("fuzz_$t"); done
if grep -q mmhook_fuzz_seeds "$dir/build.ninja" 2>/dev/null; then build_targets+=(mmhook_fuzz_seeds); fi
if [ "$no_build" = 0 ]; then
  cmake --build "$dir" -j "$JOBS" --target "${build_targets[@]}" >"$dir/build.log" 2>&1 \
    || { tail -n 40 "$dir/build.log"; echo "fuzz: build failed"; exit 1; }
fi
[ "$build_only" = 1 ] && { echo "fuzz: built ${build_targets[*]} in $dir"; exit 0; }

dict_for() {
  case "$1" in
    check_*) echo tests/fuzz/check.dict ;;
    slack) echo tests/fuzz/slack.dict ;;
    markdown|marked) echo tests/fuzz/markdown.dict ;;
    command|parse_command) echo tests/fuzz/command.dict ;;
  esac
}
maxlen_for() { case "$1" in check_*) echo 16384 ;; *) echo 4096 ;; esac; }

found=0
for t in "${list[@]}"; do
  bin=$(ls "$dir/fuzz_$t" "$dir/tests/fuzz/fuzz_$t" 2>/dev/null | head -n1)
  [ -x "$bin" ] || { echo "fuzz $t: binary missing"; found=1; continue; }
  corpus=$dir/corpus/$t; artifacts=$dir/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  seeds=()
  for s in "tests/fuzz/seeds/$t" "$dir/fuzz-seeds/$t"; do [ -d "$s" ] && seeds+=("$s"); done
  log=$dir/$t.log
  start=$(date +%s)
  mode=()
  [ "$keep_going" = 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$bin" -max_total_time="$seconds" -max_len="$(maxlen_for "$t")" -dict="$(dict_for "$t")" \
      -timeout=20 -rss_limit_mb=3072 -malloc_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "${mode[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  execs=$(grep -aE '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -n1)
  [ -n "$execs" ] || execs=$(grep -aE '^#[0-9]+: cov' "$log" | tail -n1 | sed -E 's/^#([0-9]+):.*/\1/')
  crashes=$(find "$artifacts" -type f -newermt "@$start" | wc -l)
  cov=$(grep -aE '#[0-9]+.*cov: ' "$log" | tail -n1 | sed -E 's/.*cov: ([0-9]+).*/\1/')
  size=$(ls "$corpus" | wc -l)
  if [ $rc -ne 0 ] || { [ "$keep_going" = 1 ] && [ "$crashes" != 0 ]; }; then
    found=1
    echo "fuzz $t: FOUND a problem after ${execs:-?} execs in ${took}s (exit $rc, $crashes saved inputs); log $log, inputs in $artifacts/"
    grep -aE 'PROPERTY FAILED|^  detail: |ERROR: AddressSanitizer|runtime error: |ERROR: libFuzzer|^SUMMARY' "$log" | sort | uniq -c | sort -rn | head -n 12 | sed 's/^/  /'
  else
    echo "fuzz $t: ${execs:-?} execs in ${took}s, coverage ${cov:-?}, corpus $size, ok"
  fi
done
[ "$found" = 0 ] && echo "fuzz: all targets ok" || echo "fuzz: problems found (see above)"
exit $found
