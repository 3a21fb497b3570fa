#!/usr/bin/env bash
# Runs one WASI test case: builds its guest (tests/wasi/GUEST.c) to wasm32-wasi if needed, makes a
# fresh sandbox, runs the guest under `wisp run --dir SANDBOX::/sandbox` (or under Node's WASI with
# the same command line), and checks the exit status, stdout against CASE.expected, and that nothing
# outside the sandbox was changed or leaked.
#   run_case.sh wisp WISP_BINARY SOURCE_DIR WORK_DIR CASE
#   run_case.sh node NODE_BINARY SOURCE_DIR WORK_DIR CASE
#   run_case.sh host HOST_PROGRAM SOURCE_DIR WORK_DIR CASE   (an embedder: HOST_PROGRAM GUEST.wasm ARGS...)
# A case is cases/CASE.expected plus an optional cases/CASE.sh, sourced here, that may set:
#   guest=NAME     the guest program (default: CASE)
#   args=(...)     guest arguments after argv[0]
#   env=(...)      --env values: NAME=VALUE, or NAME to pass the host's value
#   status=N       the expected exit status (default 0)
#   input=FILE     standard input, relative to the case's temporary directory (default /dev/null)
#   pipe=1         feed the input through a pipe instead of a redirected file
#   stdin_cmd=CMD  feed the output of the shell command CMD through a pipe (e.g. data that arrives late)
#   stderr_re=RE   a regular expression stderr must match (default: stderr must be empty)
#   setup()        runs before the guest with $sandbox, $outside and $tmp set, cwd $tmp
#   check()        runs after the guest; calls `fail MESSAGE` for a failed extra check
# Under node, tests/wasi/node-exceptions.txt names the output lines where Node's WASI is known to be
# wrong (CASE<TAB>LABEL<TAB>REASON): those lines are left out of the comparison on both sides;
# LABEL "status" waives the exit status and "*" skips the whole case.
# Exit status: 0 passed, 1 failed, 77 skipped (no wasm32-wasi toolchain, no Node 20, or excepted).
set -u
if [ $# -ne 5 ]; then
    echo "usage: $0 wisp|node RUNNER SOURCE_DIR WORK_DIR CASE" >&2
    exit 2
fi
mode=$1 runner=$2 src=$3 work=$4 case=$5
here=$src/tests/wasi
cc=${WISP_WASI_CC:-clang}
sysroot=${WISP_WASI_SYSROOT:-/usr}
case $mode in wisp | node | host) ;; *) echo "run_case.sh: unknown runtime '$mode'" >&2; exit 2 ;; esac
[ -f "$here/cases/$case.expected" ] || { echo "run_case.sh: no $here/cases/$case.expected" >&2; exit 2; }

guest=$case status=0 input=/dev/null pipe=0 stdin_cmd= stderr_re=
args=() env=()
setup() { :; }
check() { :; }
# shellcheck source=/dev/null
[ -f "$here/cases/$case.sh" ] && . "$here/cases/$case.sh"

failed=0
fail() {
    echo "FAIL [$mode $case] $*"
    failed=1
}

mkdir -p "$work/guests" || exit 1

# --- the guest, built at test time -----------------------------------------------------------
wasm=$work/guests/$guest.wasm
if [ ! -f "$wasm" ] || [ "$here/$guest.c" -nt "$wasm" ] || [ "$here/guest.h" -nt "$wasm" ]; then
    probe=$(mktemp "$work/guests/probe.XXXXXX")
    if ! printf 'int main(void) { return 0; }\n' |
        "$cc" --target=wasm32-wasi --sysroot="$sysroot" -x c - -o "$probe" >/dev/null 2>&1; then
        rm -f "$probe"
        echo "run_case.sh: no wasm32-wasi C toolchain ($cc --target=wasm32-wasi --sysroot=$sysroot;" \
            "install clang, lld, wasi-libc and libclang-rt-14-dev-wasm32); skipped"
        exit 77
    fi
    rm -f "$probe"
    # Built under a temporary name and renamed, so parallel tests sharing a guest never see half a file.
    tmpwasm=$(mktemp "$work/guests/$guest.XXXXXX")
    if ! "$cc" --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -I"$here" "$here/$guest.c" \
        -o "$tmpwasm"; then
        rm -f "$tmpwasm"
        echo "FAIL [$mode $case] cannot compile $guest.c"
        exit 1
    fi
    mv -f "$tmpwasm" "$wasm"
fi

# --- the runtime ----------------------------------------------------------------------------
excepted_labels=()
status_waived=0
if [ "$mode" = node ]; then
    major=$("$runner" -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null) || major=0
    case $major in '' | *[!0-9]*) major=0 ;; esac
    if [ "$major" -lt 20 ]; then
        echo "run_case.sh: Node 20 or newer needed for the comparison (found '$major'); skipped"
        exit 77
    fi
    while IFS=$'\t' read -r c label reason; do
        case $c in '' | '#'*) continue ;; esac
        [ "$c" = "$case" ] || continue
        if [ "$label" = "*" ]; then
            echo "run_case.sh: skipped under Node: $reason"
            exit 77
        elif [ "$label" = status ]; then
            status_waived=1
        else
            excepted_labels+=("$label")
        fi
    done <"$here/node-exceptions.txt"
    runcmd=("$runner" --no-warnings "$here/node_wasi.js")
elif [ "$mode" = wisp ]; then
    runcmd=("$runner" run)
fi

# --- a fresh sandbox ----------------------------------------------------------------------------
# tmp/box/sandbox is the preopen; tmp/box/outside holds what the guest must never read or change.
tmp=$(mktemp -d "$work/$mode.$case.XXXXXX") || exit 1
box=$tmp/box sandbox=$tmp/box/sandbox outside=$tmp/box/outside
mkdir -p "$sandbox" "$outside/dir" || exit 1
secret="SENTINEL-$$-$RANDOM-must-never-be-read"
printf '%s\n' "$secret" >"$outside/sentinel.txt"
printf 'keep\n' >"$outside/dir/keep.txt"
(cd "$tmp" && setup) || { echo "FAIL [$mode $case] setup failed"; exit 1; }
# Everything under box/ except the sandbox itself: names, types, sizes, modes, mtimes, link targets,
# and the file contents' checksums.
snapshot() {
    (cd "$box" && find . -path ./sandbox -prune -o -printf '%p %y %s %m %T@ %l\n' | LC_ALL=C sort &&
        find . -path ./sandbox -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0r md5sum)
}
snapshot >"$tmp/before"

if [ "$mode" = host ]; then
    cmd=("$runner" "$wasm" ${args[@]+"${args[@]}"})
else
    cmd=("${runcmd[@]}" --dir "$sandbox::/sandbox")
    for e in ${env[@]+"${env[@]}"}; do cmd+=(--env "$e"); done
    cmd+=("$wasm" ${args[@]+"${args[@]}"})
fi
[ "$input" = /dev/null ] || input=$tmp/$input
if [ -n "$stdin_cmd" ]; then
    (cd "$tmp" && bash -c "$stdin_cmd") | (cd "$tmp" && timeout 120 "${cmd[@]}") >"$tmp/out" 2>"$tmp/err"
    st=${PIPESTATUS[1]}
elif [ "$pipe" = 1 ]; then
    cat "$input" | (cd "$tmp" && timeout 120 "${cmd[@]}") >"$tmp/out" 2>"$tmp/err"
    st=${PIPESTATUS[1]}
else
    (cd "$tmp" && timeout 120 "${cmd[@]}") <"$input" >"$tmp/out" 2>"$tmp/err"
    st=$?
fi

# --- checks ---------------------------------------------------------------------------------------
if [ "$st" != "$status" ] && [ $status_waived = 0 ]; then
    fail "exit status $st, expected $status"
fi
expected=$here/cases/$case.expected
actual=$tmp/out
if [ ${#excepted_labels[@]} -gt 0 ]; then
    # Leave out the lines Node is known to get wrong, on both sides.
    filter() {
        local f=$1 l
        cp "$f" "$f.filtered"
        for l in "${excepted_labels[@]}"; do
            # Lines that start with "LABEL: " (or are just LABEL).
            L="$l" awk '{ l = ENVIRON["L"] } $0 != l && index($0, l ": ") != 1' "$f.filtered" >"$f.tmp"
            mv "$f.tmp" "$f.filtered"
        done
    }
    cp "$expected" "$tmp/expected"
    filter "$tmp/expected"
    filter "$actual"
    expected=$tmp/expected.filtered
    actual=$tmp/out.filtered
    echo "run_case.sh: ${#excepted_labels[@]} known Node deviation(s) left out (tests/wasi/node-exceptions.txt)"
fi
if ! diff -u "$expected" "$actual" >"$tmp/diff"; then
    fail "stdout differs from $case.expected:"
    cat "$tmp/diff"
fi
if [ -n "$stderr_re" ]; then
    grep -Eq -- "$stderr_re" "$tmp/err" || fail "stderr does not match /$stderr_re/"
elif [ -s "$tmp/err" ] && [ "$mode" != node ]; then
    fail "unexpected stderr"
fi
snapshot >"$tmp/after"
if ! diff -u "$tmp/before" "$tmp/after" >"$tmp/escape"; then
    fail "SANDBOX ESCAPE: something outside the preopen changed:"
    cat "$tmp/escape"
fi
if grep -qF -- "$secret" "$tmp/out" "$tmp/err"; then
    fail "SANDBOX ESCAPE: the guest read the sentinel file outside the preopen"
fi
(cd "$tmp" && check)

if [ $failed = 0 ]; then
    rm -rf "$tmp"
    echo "PASS [$mode $case]"
    exit 0
fi
echo "  command: ${cmd[*]}"
sed 's/^/  stderr: /' "$tmp/err" | head -40
echo "  work directory kept: $tmp"
exit 1
