#!/usr/bin/env bash
# npm test: set up if needed, build, run every suite (native doctest, lint, Node, browser, command execution),
# and end with one line "N passed, N failed, N skipped" over all suites, the skipped tests named above it.
# Exit non-zero on any failure.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$MMHOOK_ROOT"
MMHOOK_SETUP_QUIET=1 bash scripts/setup.sh || exit 1
bash scripts/build.sh wasm || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
bash scripts/build.sh native-debug || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

passed=0; failed=0; skipped=0; skipped_names=()
logdir=build/test-logs; mkdir -p "$logdir"

run_doctest() { # name, binary
  local log=$logdir/$1.log
  "$2" --no-colors=true >"$log" 2>&1; local rc=$?
  grep -E "MESSAGE|ERROR|FAILED|vectors|skipped" "$log" | grep -v "^\s*$" | sed 's/^/  /' | tail -n 60
  local line; line=$(grep -E '^\[doctest\] test cases:' "$log" | tail -n1)
  local p f
  p=$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")
  [[ "$p" =~ ^[0-9]+$ ]] || p=0; [[ "$f" =~ ^[0-9]+$ ]] || f=0
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; echo "  $1 exited with $rc"; tail -n 30 "$log"; fi
  local s; s=$(sed -E -n 's/.*\| *([0-9]+) skipped.*/\1/p' <<<"$line"); [[ "$s" =~ ^[0-9]+$ ]] || s=0
  if [ "$s" != 0 ]; then  # doctest does not name them: the cases marked doctest::skip in the sources
    while IFS= read -r name; do skipped_names+=("$1: $name"); done < <(grep -h -o 'TEST_CASE("[^"]*" *\* *doctest::skip' tests/native/*.cpp | sed -E 's/TEST_CASE\("([^"]*)".*/\1/')
  fi
  echo "suite $1: $p passed, $f failed, $s skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

run_node() { # name, files...
  local name=$1; shift
  [ $# -gt 0 ] || return 0
  local log=$logdir/$name.log
  node --test --test-reporter=tap "$@" >"$log" 2>&1; local rc=$?
  local p f
  p=$(grep -E '^# pass ' "$log" | tail -n1 | awk '{print $3}'); f=$(grep -E '^# fail ' "$log" | tail -n1 | awk '{print $3}')
  [[ "$p" =~ ^[0-9]+$ ]] || p=0; [[ "$f" =~ ^[0-9]+$ ]] || f=0
  if [ "$f" != 0 ] || [ $rc -ne 0 ]; then grep -E -A25 '^\s*not ok' "$log" | head -n 120; fi
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; echo "  $name exited with $rc"; tail -n 20 "$log"; fi
  local s; s=$(grep -E '^# skipped ' "$log" | tail -n1 | awk '{print $3}'); [[ "$s" =~ ^[0-9]+$ ]] || s=0
  while IFS= read -r skip_line; do skipped_names+=("$name: $skip_line"); done \
    < <(grep -E '^\s*ok [0-9]+ - .* # SKIP' "$log" | sed -E 's/^\s*ok [0-9]+ - //')
  echo "suite $name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

run_counted() { # name, command...: a suite whose output ends with "N passed, N failed"
  local name=$1; shift
  local log=$logdir/$name.log
  "$@" >"$log" 2>&1; local rc=$?
  local line p f
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1)
  p=$(sed -E 's/^(.*[^0-9])?([0-9]+) passed.*/\2/' <<<"$line"); f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  [[ "$p" =~ ^[0-9]+$ ]] || p=0; [[ "$f" =~ ^[0-9]+$ ]] || f=0
  if [ $rc -ne 0 ]; then tail -n 40 "$log"; [ "$f" = 0 ] && f=1; fi
  echo "suite $name: $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
}

shopt -s nullglob
run_doctest native build/native-debug/tests/native/mmhook_tests
[ -f scripts/fuzz.sh ] && run_counted fuzz-replay bash scripts/fuzz.sh --replay build/native-debug
if [ "${CI:-}" = true ] && [ -f scripts/fuzz.sh ]; then
  # CI's short, time-boxed fuzzing pass (issue 10): every target for a few seconds with ASan+UBSan.
  run_counted fuzz bash -c 'bash scripts/fuzz.sh --seconds "${MMHOOK_CI_FUZZ_SECONDS:-10}"; rc=$?; \
    if [ $rc = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi; exit $rc'
fi
run_counted lint node scripts/lint.mjs
run_node js tests/js/*.test.mjs
run_node exec tests/exec/*.test.mjs
run_node browser tests/browser/*.test.mjs

for n in "${skipped_names[@]}"; do echo "skipped: $n"; done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
