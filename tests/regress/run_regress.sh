#!/bin/sh
# run_regress.sh DIFF_RUN NAME.wat NAME.expected WORKDIR: compiles NAME.wat, runs it through
# diff_run and compares the output with NAME.expected (exit 77 without wat2wasm).
set -u
runner=$1 wat=$2 expected=$3 work=$4
command -v wat2wasm >/dev/null 2>&1 || { echo "wat2wasm not found: skipped"; exit 77; }
name=$(basename "$wat" .wat)
mkdir -p "$work"
wat2wasm "$wat" -o "$work/$name.wasm" || exit 1
"$runner" --rounds 1 "$work/$name.wasm" > "$work/$name.out" 2> "$work/$name.err"
if ! diff -u "$expected" "$work/$name.out"; then
    echo "regress $name: output differs from $expected (above); diff_run said:"
    cat "$work/$name.err"
    exit 1
fi
echo "regress $name: ok"
