#!/bin/sh
# fuzz_diff_smoke: 20 fixed-seed binaryen modules, run in wisp and in V8, must agree.
# usage: smoke.sh PATH/diff_run      (skips with 77 without node or wasm-opt)
here=$(dirname "$0")
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
command -v "${WASM_OPT:-wasm-opt}" >/dev/null 2>&1 || { echo "wasm-opt not found: skipped"; exit 77; }
exec node "$here/diff_fuzz.mjs" --runner "$1" --seed 1 --count 20 --quiet
