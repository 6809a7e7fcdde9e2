#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine (root): Debian packages, cmark-gfm source (pinned by
# version and SHA-256), npm packages (simdjson amalgamation, Playwright-core, build tools).
# Each step checks first and does only what is missing; a failing step prints one line naming it.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

CMARK_VERSION=0.29.0.gfm.13
CMARK_DEB_VERSION=0.29.0.gfm.13-4
CMARK_SHA256=5abc61798ebd9de5660bc076443c07abad2b8d15dbc11094a3a79644b8ad243a
CMARK_TARBALL=cmark-gfm_${CMARK_VERSION}.orig.tar.gz
APT_PACKAGES=(emscripten doctest-dev chromium cmake ninja-build g++ clang clang-format libclang-rt-14-dev bash dash zsh gzip curl wget)

die() { echo "setup: FAILED at step '$1': $2" >&2; exit 1; }
say() { [ -n "${MMHOOK_SETUP_QUIET:-}" ] || echo "setup: $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
apt_updated=0
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
    die "apt-get update" "cannot update package lists (need root and Debian's archive); run as root: apt-get update"
  apt_updated=1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "apt-get install" "could not install ${missing[*]}; run as root: apt-get install ${missing[*]}"
fi

# --- 2. cmark-gfm source from Debian's source archive -----------------------------------------
CM_DIR=third_party/src/cmark-gfm
CM_STAMP=$CM_DIR/.mmhook-verified-$CMARK_SHA256
if [ ! -f "$CM_STAMP" ]; then
  mkdir -p third_party/downloads third_party/src
  tarball=third_party/downloads/$CMARK_TARBALL
  if [ ! -f "$tarball" ] || ! echo "$CMARK_SHA256  $tarball" | sha256sum -c --status; then
    rm -f "$tarball"
    # deb-src entries for bookworm and trixie, derived from the machine's own Debian archive entry.
    src_list=/etc/apt/sources.list.d/mmhook-deb-src.sources
    if [ ! -f "$src_list" ]; then
      uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1)
      [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -n1)
      [ -n "$uri" ] || die "deb-src" "no Debian archive entry found in /etc/apt/sources.list(.d) to derive deb-src from"
      say "enabling deb-src (bookworm, trixie) from $uri"
      printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" |
        as_root tee "$src_list" >/dev/null || die "deb-src" "cannot write $src_list (need root)"
      apt_updated=0
    fi
    if [ "$apt_updated" = 0 ]; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update (deb-src)" "cannot update package lists"
    fi
    say "fetching cmark-gfm $CMARK_DEB_VERSION source"
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get source --download-only --tar-only "cmark-gfm=$CMARK_DEB_VERSION" >/dev/null 2>&1) ||
      { rm -rf "$tmp"; die "cmark-gfm download" "apt-get source --download-only --tar-only cmark-gfm=$CMARK_DEB_VERSION failed (deb-src for trixie enabled?)"; }
    [ -f "$tmp/$CMARK_TARBALL" ] || { rm -rf "$tmp"; die "cmark-gfm download" "$CMARK_TARBALL not among the downloaded files"; }
    mv "$tmp/$CMARK_TARBALL" "$tarball.part" && rm -rf "$tmp"
    if ! echo "$CMARK_SHA256  $tarball.part" | sha256sum -c --status; then
      got=$(sha256sum "$tarball.part" | cut -d' ' -f1); rm -f "$tarball.part"
      die "cmark-gfm checksum" "SHA-256 mismatch for $CMARK_TARBALL: expected $CMARK_SHA256, got $got"
    fi
    mv "$tarball.part" "$tarball"
  fi
  say "unpacking cmark-gfm $CMARK_VERSION"
  tmp=$(mktemp -d -p third_party/src)
  tar -xzf "$tarball" -C "$tmp" || { rm -rf "$tmp"; die "cmark-gfm unpack" "cannot unpack $tarball"; }
  rm -rf "$CM_DIR" && mv "$tmp/cmark-gfm-$CMARK_VERSION" "$CM_DIR" && rm -rf "$tmp" || die "cmark-gfm unpack" "cannot move sources into $CM_DIR"
  touch "$CM_STAMP"
fi

# --- 3. npm packages (exact versions from package-lock.json) -----------------------------------
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.mmhook-lock-$lock_sum ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || die "npm ci" "npm ci failed; run it by hand to see why (registry reachable?)"
  touch node_modules/.mmhook-lock-$lock_sum
fi

# --- 4. sanity of the toolchain ----------------------------------------------------------------
command -v emcc >/dev/null || die "emscripten" "emcc not found after installing Debian's emscripten"
[ -x /usr/bin/chromium ] || die "chromium" "/usr/bin/chromium not found after installing Debian's chromium"
say "ready"
