# Sourced by the project's scripts: hides Debian Emscripten 3.1.6's quirks (acorn via NODE_PATH, its own cache dir).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export MMHOOK_ROOT=${MMHOOK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
JOBS=${JOBS:-$(nproc)}
