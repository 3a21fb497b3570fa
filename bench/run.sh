#!/bin/sh
# run.sh: the one benchmark command. Builds wisp (Release, in $BUILD, default build-bench/), the
# kernels natively and to wasm32-wasi (fetching the SQLite amalgamation once, cached), the timing
# launcher and the embedding micro-benchmark; then runs the suite and prints the table.
# Options go to tools/harness.mjs (bench/run.sh --help). Results: $BUILD/bench/results.{json,csv}.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$root/build-bench}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
JOBS=${JOBS:-2}
for a in "$@"; do
    case $a in -h|--help) exec node "$here/tools/harness.mjs" --help ;; esac
done
for t in clang node cmake make wat2wasm; do
    command -v $t >/dev/null 2>&1 || { echo "bench: $t is needed (see README.md, Benchmarks)" >&2; exit 2; }
done
echo "bench: building wisp in $BUILD" >&2
cmake -S "$root" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j"$JOBS" --target wisp wisp_static >/dev/null
echo "bench: building the kernels in $BUILD/bench" >&2
make -s -C "$here" -j"$JOBS" O="$BUILD/bench" WISP_BUILD="$BUILD" small tools micro
# SQLite needs its sources (npm pack, cached): the suite runs without it if that fails.
make -s -C "$here" -j"$JOBS" O="$BUILD/bench" sqlite || echo "bench: sqlite workload unavailable (could not fetch or build it)" >&2
exec node "$here/tools/harness.mjs" --out "$BUILD/bench" --wisp "$BUILD/wisp" "$@"
