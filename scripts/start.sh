#!/usr/bin/env bash
# npm start: set up if needed, build, serve dist/web at http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
MMHOOK_SETUP_QUIET=1 bash scripts/setup.sh
bash scripts/build.sh wasm
exec node scripts/serve.mjs --port "${PORT:-8080}"
