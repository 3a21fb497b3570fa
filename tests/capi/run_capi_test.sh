#!/usr/bin/env bash
# Runs one wasm.h test: compiles its .wat files (NAME.wat, NAME_*.wat) with wat2wasm into a
# directory of its own, then runs the test executable on that directory, under WRAPPER if given
# (e.g. valgrind ...).
#   run_capi_test.sh TEST_EXE SOURCE_DIR OUT_DIR NAME [WRAPPER...]
# Exit status: the test's, or 77 (CTest: skipped) if wat2wasm is missing.
set -u
if [ $# -lt 4 ]; then
    echo "usage: $0 TEST_EXE SOURCE_DIR OUT_DIR NAME [WRAPPER...]" >&2
    exit 2
fi
exe=$1 src=$2 out=$3 name=$4
shift 4
if ! command -v wat2wasm >/dev/null 2>&1; then
    echo "run_capi_test.sh: wat2wasm not found (install wabt); test skipped" >&2
    exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
for wat in "$src/$name.wat" "$src/$name"_*.wat; do
    [ -e "$wat" ] || continue
    wat2wasm "$wat" -o "$out/$(basename "$wat" .wat).wasm" || exit 1
done
exec "$@" "$exe" "$out"
