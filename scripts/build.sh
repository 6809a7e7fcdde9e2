#!/usr/bin/env bash
# Builds everything `npm run build` promises (see README): the wasm library in dist/, the page in dist/web/.
# Usage: scripts/build.sh [wasm|native-debug|native-release|all]   (default: wasm + js outputs)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$MMHOOK_ROOT"
what=${1:-default}
# `npm run build` from a fresh clone: set up what is missing first (idempotent, quiet when all is in place).
[ -n "${MMHOOK_SKIP_SETUP:-}" ] || MMHOOK_SETUP_QUIET=1 bash scripts/setup.sh || exit 1

configure() { # dir, extra args...
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then cmake -S . -B "$dir" -G Ninja "$@" >/dev/null; fi
}

build_native_debug() {
  configure build/native-debug -DCMAKE_BUILD_TYPE=Debug -DMMHOOK_SANITIZE=ON
  cmake --build build/native-debug -j "$JOBS"
}
build_native_release() {
  configure build/native-release -DCMAKE_BUILD_TYPE=Release -DMMHOOK_SANITIZE=OFF
  cmake --build build/native-release -j "$JOBS"
}
build_wasm() {
  if [ ! -f build/wasm/build.ninja ]; then
    emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release -DMMHOOK_TESTS=OFF >/dev/null
  fi
  cmake --build build/wasm -j "$JOBS" --target mmhook_glue mmhook_tools
  node scripts/build-js.mjs
}

case "$what" in
  native-debug) build_native_debug ;;
  native-release) build_native_release ;;
  wasm|default) build_wasm ;;
  all) build_wasm; build_native_debug ;;
  *) echo "build: unknown target '$what' (wasm|native-debug|native-release|all)" >&2; exit 2 ;;
esac
