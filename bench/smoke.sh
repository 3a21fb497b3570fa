#!/bin/sh
# smoke.sh WISP OUTDIR: the CTest smoke check of the benchmark kernels (not a benchmark): builds
# each small kernel for wasm at its SMOKE size and runs it under wisp, which must reproduce the
# kernel's self-check. Uses `wisp run` with WASI when it can run a WASI hello world, else the
# WASI-free build through --invoke bench_run. Exits 77 (skipped) without a wasm32-wasi clang.
set -u
wisp=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
CC=${CC_WASM:-clang}
flags="--target=wasm32-wasi --sysroot=${WASI_SYSROOT:-/usr} -O2 -Wl,-z,stack-size=1048576"
printf '#include <stdio.h>\nint main(void){puts("hi");return 0;}\n' >"$out/hi.c"
if ! $CC $flags -o "$out/hi.wasm" "$out/hi.c" 2>/dev/null; then
    echo "bench smoke: no wasm32-wasi clang: skipped"
    exit 77
fi
wasi=0
[ "$("$wisp" run "$out/hi.wasm" 2>/dev/null)" = hi ] && wasi=1
pass=0 fail=0
for k in $(sed -n 's/^KERNELS := *//p' "$here/suite.mk"); do
    [ "$k" = sqlite ] && continue # needs the fetched amalgamation; run.sh covers it
    size=$(sed -n "s/^SMOKE_$k := *//p" "$here/suite.mk")
    if [ $wasi = 1 ]; then
        $CC $flags -o "$out/$k.wasm" "$here/kernels/$k.c" -lm && res=$("$wisp" run "$out/$k.wasm" "$size" 2>&1)
        st=$?
        case "$res" in *" ok") ;; *) st=1 ;; esac
    else
        $CC $flags -DBENCH_EXPORT -DBENCH_SIZE="$size" -nostartfiles -Wl,--no-entry -o "$out/$k.wasm" \
            "$here/kernels/$k.c" -lm && res=$("$wisp" run --invoke bench_run "$out/$k.wasm" 2>&1)
        st=$?
        [ "$res" = -1 ] && st=1
    fi
    if [ $st = 0 ]; then
        pass=$((pass + 1))
        echo "ok   $k ($size): $res"
    else
        fail=$((fail + 1))
        echo "FAIL $k ($size): $res"
    fi
done
echo "bench smoke ($([ $wasi = 1 ] && echo WASI || echo invoke)): $pass passed, $fail failed"
[ $fail = 0 ]
