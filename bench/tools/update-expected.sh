#!/bin/sh
# update-expected.sh NATIVE_DIR: rewrites the BENCH_MAIN(...) line of every kernel with the
# checksums its native build computes at the sizes in suite.mk (SIZE, ISIZE, SMOKE). Run after
# changing a kernel or a size, then rebuild; the wasm builds are checked against these.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
native=${1:?usage: update-expected.sh NATIVE_DIR}
get() { sed -n "s/^$1_$2 := *//p" "$here/suite.mk"; }
for k in $(sed -n 's/^KERNELS := *//p' "$here/suite.mk"); do
    src=$here/kernels/$k.c
    [ -x "$native/$k" ] || { echo "skip $k: no $native/$k" >&2; continue; }
    entries=""
    for s in $(printf '%s\n' "$(get SIZE $k)" "$(get ISIZE $k)" "$(get SMOKE $k)" | sort -un); do
        line=$("$native/$k" "$s" || true)
        sum=$(printf '%s\n' "$line" | sed -n 's/.*checksum=\([0-9]*\) .*/\1/p')
        case "$line" in *" ok") ;; *) echo "$k size $s: $line" >&2; exit 1 ;; esac
        entries="$entries, {$s, ${sum}ull}"
    done
    sed -i "s/^BENCH_MAIN(\"$k\", [0-9]*, .*/BENCH_MAIN(\"$k\", $(get SIZE $k)$entries)/" "$src"
    grep "^BENCH_MAIN" "$src"
done
