#!/usr/bin/env bash
# Bench-only wasm modules, relinked from the libraries of build/wasm (objects compiled at Release -O3, as shipped):
#   build/bench-wasm/mmhook_O3.{mjs,wasm}, _O2, _Oz              the shipped bindings linked at -O3 / -O2 / -Oz (size vs speed rows,
#                                                                all from one snapshot of the libraries)
#   build/bench-wasm/mmhook_prof.{mjs,wasm}                      the shipped link plus --profiling-funcs (function names for
#                                                                scripts/bench/profile-wasm.mjs)
#   build/bench-wasm/mmhook_strbind.{mjs,wasm}                   shipped bindings + tests/bench/string_binding.cpp at -O3
#   build/bench-wasm/mmhook_altmalloc.{mjs,wasm,txt}             the shipped bindings at -O3 with the other allocator (emmalloc <-> dlmalloc)
#   build/bench-wasm/mmhook_simd.{mjs,wasm}                      a whole Release build with -msimd128 in build/bench-wasm/simd (slow)
#   build/bench-wasm/mmhook_OzFull.{mjs,wasm}                    a whole MinSizeRel build (objects -Os, link -Oz) in
#                                                                build/bench-wasm/minsizerel (slow: a full emcmake build)
# Equivalent to configuring build/wasm with -DMMHOOK_WASM_OPT=-O2 (or -Oz): only the link step differs.
# Usage: bash scripts/bench/build-wasm-variants.sh [--refresh] [O3|O2|Oz|prof|strbind|altmalloc|simd|OzFull ...]  (default: O3 O2 Oz strbind)
set -euo pipefail
source "$(dirname "$0")/../env.sh"
cd "$MMHOOK_ROOT"
W=build/wasm
OUT=build/bench-wasm
variants=("$@"); [ ${#variants[@]} -gt 0 ] || variants=(O3 O2 Oz strbind)
libs=("$W/core/libmmhook_core.a" "$W/cmark-gfm/extensions/libcmark-gfm-extensions.a" "$W/cmark-gfm/src/libcmark-gfm.a" "$W/libmmhook_simdjson.a")
refresh=0; if [ "${variants[0]}" = --refresh ]; then refresh=1; variants=("${variants[@]:1}"); fi
[ ${#variants[@]} -gt 0 ] || variants=(O3 O2 Oz strbind)
for l in "${libs[@]}"; do [ -f "$l" ] || { bash scripts/build.sh wasm; break; }; done
mkdir -p "$OUT/lib"
# One snapshot of the libraries for every variant (build/wasm may be rebuilt meanwhile); --refresh takes a new one.
if [ $refresh = 1 ] || [ ! -f "$OUT/lib/libmmhook_core.a" ]; then for l in "${libs[@]}"; do cp "$l" "$OUT/lib/"; done; fi

INC=(-Icore/include -isystem third_party/src/cmark-gfm/src -isystem third_party/src/cmark-gfm/extensions
     -isystem "$W/cmark-gfm/src" -isystem "$W/cmark-gfm/extensions" -isystem node_modules/@nozbe/simdjson/src)
DEF=(-DCMARK_GFM_EXTENSIONS_STATIC_DEFINE -DCMARK_GFM_STATIC_DEFINE -DSIMDJSON_DISABLE_DEPRECATED_API=1 -DSIMDJSON_EXCEPTIONS=0 -DNDEBUG)
compile() { # src obj
  if [ ! -f "$2" ] || [ "$1" -nt "$2" ]; then em++ -O3 -std=c++20 "${DEF[@]}" "${INC[@]}" -c "$1" -o "$2"; fi
}
compile wasm/bindings.cpp "$OUT/bindings.o"
# The allocator and flags follow the shipped link (wasm/CMakeLists.txt).
shipped_malloc=$(grep -o -- '-sMALLOC=[a-z]*' wasm/CMakeLists.txt | head -n1 | cut -d= -f2); shipped_malloc=${shipped_malloc:-emmalloc}
if [ "$shipped_malloc" = dlmalloc ]; then alt_malloc=emmalloc; else alt_malloc=dlmalloc; fi
LINK=(--bind -sMODULARIZE=1 -sEXPORT_ES6=1 -sENVIRONMENT=web -sFILESYSTEM=0 -sALLOW_MEMORY_GROWTH=1
      -sDYNAMIC_EXECUTION=0 -sNODEJS_CATCH_EXIT=0 -sNODEJS_CATCH_REJECTION=0 -sEXPORTED_FUNCTIONS=[] -sEXPORTED_RUNTIME_METHODS=[]
      -sINCOMING_MODULE_JS_API=[instantiateWasm,wasmBinary])
LIBS=("$OUT/lib/libmmhook_core.a" "$OUT/lib/libcmark-gfm-extensions.a" "$OUT/lib/libcmark-gfm.a" "$OUT/lib/libmmhook_simdjson.a")
for v in "${variants[@]}"; do
  if [ "$v" = OzFull ] || [ "$v" = simd ]; then
    if [ "$v" = OzFull ]; then d=$OUT/minsizerel; cfg=(-DCMAKE_BUILD_TYPE=MinSizeRel "-DMMHOOK_WASM_OPT=-Oz")
    else d=$OUT/simd; cfg=(-DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS=-msimd128 -DCMAKE_CXX_FLAGS=-msimd128); fi
    [ -f "$d/build.ninja" ] || emcmake cmake -S . -B "$d" -G Ninja -DMMHOOK_TESTS=OFF "${cfg[@]}" >/dev/null
    cmake --build "$d" -j "$JOBS" --target mmhook_glue
    cp "$d/wasm/mmhook_glue.mjs" "$OUT/mmhook_$v.mjs"; cp "$d/wasm/mmhook_glue.wasm" "$OUT/mmhook_$v.wasm"
    continue
  fi
  malloc=-sMALLOC=$shipped_malloc
  case "$v" in
    O3|O2|Oz) objs=("$OUT/bindings.o"); opt=-$v ;;
    prof) objs=("$OUT/bindings.o"); opt="-O3 --profiling-funcs" ;;
    altmalloc) objs=("$OUT/bindings.o"); opt=-O3; malloc=-sMALLOC=$alt_malloc; echo "$alt_malloc" > "$OUT/mmhook_altmalloc.txt" ;;
    strbind) compile tests/bench/string_binding.cpp "$OUT/string_binding.o"; objs=("$OUT/bindings.o" "$OUT/string_binding.o"); opt=-O3 ;;
    *) echo "unknown variant $v" >&2; exit 2 ;;
  esac
  echo "linking $OUT/mmhook_$v.mjs ($opt)"
  em++ $opt "$malloc" "${LINK[@]}" -sEXPORT_NAME=createMmhookModule "${objs[@]}" "${LIBS[@]}" -o "$OUT/mmhook_$v.mjs"
done
