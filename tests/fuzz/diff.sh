#!/bin/sh
# diff.sh [--patterns] [N] [SEED]: differential fuzzing of wisp against V8 (node). N random
# modules run in both (fuzz_run.c / fuzz_run.mjs); any difference in what they log, return or
# trap on (and where: function and byte offset) is kept in $OUT (default /tmp/wisp-fuzz) with both
# outputs. The modules come from binaryen's translate-to-fuzz (`wasm-opt -ttf`; wasm 2.0 features
# except SIMD and reference types, which this binaryen generates in a newer, typed form), or with
# --patterns from gen.mjs (the sequences the compiler fuses). Needs a built libwisp.a in $BUILD
# (default build/), node, and binaryen or wabt.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mode=ttf
if [ "${1:-}" = --patterns ]; then mode=patterns; shift; fi
N=${1:-100}
seed=${2:-$$}
BUILD=${BUILD:-$root/build}
OUT=${OUT:-/tmp/wisp-fuzz}
mkdir -p "$OUT"
runner=$OUT/fuzz_run
cc -O1 -std=c11 -I"$root/include" -o "$runner" "$here/fuzz_run.c" "$BUILD/libwisp.a" -lm
features="--enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory --enable-multivalue"
fail=0
i=0
while [ $i -lt "$N" ]; do
    i=$((i + 1))
    case=$OUT/case-$mode-$seed-$i
    if [ $mode = patterns ]; then
        node "$here/gen.mjs" "$seed$i" > "$case.wat"
        wat2wasm "$case.wat" -o "$case.wasm" || { echo "diff.sh: gen.mjs made a bad module: $case.wat" >&2; exit 1; }
    else
        # random input bytes, reproducible from (seed, i)
        node -e "const c=require('crypto');const b=[];for(let k=0;k<190;k++)b.push(c.createHash('sha512').update('$seed-$i-'+k).digest());process.stdout.write(Buffer.concat(b))" > "$case.bin"
        wasm-opt -ttf "$case.bin" $features -o "$case.wasm" 2>/dev/null || { rm -f "$case.bin"; continue; }
    fi
    timeout 20 node "$here/fuzz_run.mjs" "$case.wasm" > "$case.v8" 2>&1 || true
    timeout 20 "$runner" "$case.wasm" > "$case.wisp" 2>&1 || true
    if cmp -s "$case.v8" "$case.wisp"; then
        rm -f "$case.bin" "$case.wat" "$case.wasm" "$case.v8" "$case.wisp"
    else
        fail=$((fail + 1))
        echo "diff.sh: $case.wasm differs (diff $case.v8 $case.wisp)" >&2
    fi
done
echo "diff.sh: $N modules ($mode), $fail differ"
[ $fail -eq 0 ]
