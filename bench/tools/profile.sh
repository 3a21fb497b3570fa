#!/bin/sh
# profile.sh WORKLOAD [SIZE]: where wisp's interpreter spends its time on one workload. Builds wisp
# with debug info (Release flags + -g) in $BUILD-prof, records `wisp run` with perf, and prints the
# share of samples per interpreter handler (perf's source lines of src/interp/exec.c mapped to the
# handler they belong to), then the top source lines. Needs perf and a built suite (bench/run.sh).
# The default SIZE is the workload's ISIZE (about 1/100 of the benchmark) for a quick profile.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
BUILD=${BUILD:-$root/build-bench}
k=${1:?usage: profile.sh WORKLOAD [SIZE]}
size=${2:-$(sed -n "s/^ISIZE_$k := *//p" "$here/suite.mk")}
prof=$BUILD-prof
cmake -S "$root" -B "$prof" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="-g -fno-omit-frame-pointer" >/dev/null
cmake --build "$prof" -j2 --target wisp >/dev/null
wasm=$BUILD/bench/wasm/$k.wasm
[ -f "$wasm" ] || { echo "profile: $wasm missing: run bench/run.sh first" >&2; exit 2; }
data=$BUILD/bench/$k.perf
if "$prof/wisp" run "$BUILD/bench/wasm/hello.wasm" >/dev/null 2>&1; then
    perf record -q -o "$data" "$prof/wisp" run "$wasm" "$size" >/dev/null
else # no WASI in `wisp run` yet: the WASI-free build at ISIZE
    perf record -q -o "$data" "$prof/wisp" run --invoke bench_run "$BUILD/bench/wasm-nowasi/$k.wasm" >/dev/null
fi
perf report -i "$data" --no-children --stdio --sort srcline 2>/dev/null | grep '%' | grep -v '^#' >"$data.lines"
# handler of each exec.c line: the last CASE(name)/LOAD(name,..)/BIN(name,..)... at or above it
awk -v lines="$data.lines" '
    FNR == NR {
        if (match($0, /^[ \t]*(CASE|SIMPLE|BR_IF|UN|BIN|BIN_I32_IMM|BIN_I64_IMM|BR_CMP|BR_ADD|BR_ADD_R|BR_AND|TRUNC|LOAD|STORE|LOAD_W|LOAD_X|STORE_W|STORE_X|F64_M|F64_RMW|F64_K|I64_K|MOV)\(([a-z0-9_]+)/)) {
            s = substr($0, RSTART, RLENGTH); sub(/.*\(/, "", s); cur = s
        }
        if ($0 ~ /INTERP_PAIR_PARTS\(PAIR_\)/) cur = "(fused pairs)"
        h[FNR] = cur
        next
    }
    {
        pct = $1; sub(/%/, "", pct); loc = $2
        if (loc ~ /^exec\.c:/) { split(loc, a, ":"); name = h[a[2]] } else if (loc ~ /^numeric\.h:/) name = "(numeric.h helpers)"
        else name = "(other: " loc ")"
        if (name == "") name = "(exec.c setup)"
        tot[name] += pct
    }
    END { for (n in tot) printf "%7.2f%%  %s\n", tot[n], n }
' "$root/src/interp/exec.c" "$data.lines" | sort -rn | head -25
echo "--- top source lines"
head -15 "$data.lines"
