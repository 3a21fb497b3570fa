#!/usr/bin/env bash
# Converts every core/*.wast of the testsuite with wast2json (cached by timestamp) and runs
# spec_runner on all of them; simd_* files are skipped by name until SIMD is supported.
#   run_spec.sh RUNNER TESTSUITE_DIR OUT_DIR [runner options...]
# WISP_SPEC_FILTER='i32*' runs only the matching files (a shell glob on the .wast name).
# Exit status: the runner's (0 all passed, 1 failures), 77 if wast2json is missing (CTest: skipped).
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 RUNNER TESTSUITE_DIR OUT_DIR [runner options...]" >&2
    exit 2
fi
runner=$1 suite=$2 out=$3
shift 3
if ! command -v wast2json >/dev/null 2>&1; then
    echo "run_spec.sh: wast2json not found (install wabt); spec tests skipped" >&2
    exit 77
fi
if ! compgen -G "$suite/core/*.wast" >/dev/null; then
    echo "run_spec.sh: no $suite/core/*.wast (set -DWISP_TESTSUITE_DIR=...)" >&2
    exit 1
fi
mkdir -p "$out" || exit 1

jsons=()
for wast in "$suite"/core/*.wast; do
    base=$(basename "$wast" .wast)
    # shellcheck disable=SC2053
    [[ $base.wast == ${WISP_SPEC_FILTER:-*} ]] || continue
    json=$out/$base.json
    if [ ! -s "$json" ] || [ "$wast" -nt "$json" ]; then
        rm -f "$json" "$out/$base".[0-9]*.wasm "$out/$base".[0-9]*.wat
        # wast2json may print diagnostics and still succeed (see the testsuite README): keep them
        # in a log and judge by the exit status only.
        if ! wast2json "$wast" -o "$json" >"$out/$base.wast2json.log" 2>&1; then
            echo "wast2json failed on $base.wast:" >&2
            sed 's/^/  /' "$out/$base.wast2json.log" >&2
            rm -f "$json" # the runner reports the missing file as this file's failure
        fi
    fi
    jsons+=("$json")
done
if [ ${#jsons[@]} -eq 0 ]; then
    echo "run_spec.sh: no .wast matches WISP_SPEC_FILTER=${WISP_SPEC_FILTER:-}" >&2
    exit 1
fi
exec "$runner" --skip "simd_=SIMD not yet supported" "$@" "${jsons[@]}"
