#!/usr/bin/env bash
# Writes the seed corpus of the libFuzzer targets: every .wasm that wast2json makes of the spec
# testsuite's core/*.wast (valid modules and the binary assert_invalid/assert_malformed ones; SIMD
# files left out), the hostile binaries of tests/bad (written by its generator), the regression
# inputs, and, for the capi target, a few valid modules in wasm_module_serialize's form.
#   make_corpus.sh OUT_DIR TESTSUITE_DIR BAD_GEN REGRESS_DIR
set -u
if [ $# -ne 4 ]; then
    echo "usage: $0 OUT_DIR TESTSUITE_DIR BAD_GEN REGRESS_DIR" >&2
    exit 2
fi
out=$1 suite=$2 bad_gen=$3 regress=$4
command -v wast2json >/dev/null 2>&1 || { echo "make_corpus.sh: wast2json not found (install wabt)" >&2; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/seed" "$out/seed-capi" || exit 1

for wast in "$suite"/core/*.wast; do
    base=$(basename "$wast" .wast)
    case $base in simd_*) continue ;; esac
    wast2json "$wast" -o "$tmp/$base.json" >/dev/null 2>&1 || continue
done
cp "$tmp"/*.wasm "$out/seed/" 2>/dev/null
mkdir -p "$tmp/bad" && "$bad_gen" "$tmp/bad" >/dev/null && for f in "$tmp"/bad/*; do cp "$f" "$out/seed/bad-$(basename "$f")"; done
for f in "$regress"/*; do [ -f "$f" ] && cp "$f" "$out/seed/regress-$(basename "$f")"; done

# The serialized form: "\0wispmod", version 1, flags 0, length (u64 LE), checksum (the capi target
# puts it right), then the module.
le64() {
    local v=$1 i s=""
    for i in 0 1 2 3 4 5 6 7; do s+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255))); done
    printf '%s' "$s"
}
n=0
for f in "$out"/seed/*.wasm; do
    n=$((n + 1))
    [ $((n % 10)) = 0 ] || continue
    size=$(stat -c %s "$f")
    { printf '\000wispmod\001\000\000\000\000\000\000\000'; printf "$(le64 "$size")"; printf '\000\000\000\000\000\000\000\000'; cat "$f"; } \
        >"$out/seed-capi/ser-$(basename "$f")"
done
echo "make_corpus.sh: $(ls "$out/seed" | wc -l) seeds in $out/seed, $(ls "$out/seed-capi" | wc -l) in $out/seed-capi"
