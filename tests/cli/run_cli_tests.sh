#!/usr/bin/env bash
# Tests of the `wisp` command: help, version, run --invoke (results, traps, errors), run with WASI
# (--dir, --env, exit codes; the C guests of tests/wasi test WASI itself), validate, and
# `wisp validate` on every hostile binary of tests/bad/ (one error line containing the substring
# tests/bad/expected.txt gives, exit 1, no crash), and hostile paths, files and arguments
# (/dev/zero, a 2 GiB sparse file, FIFOs, control characters and non-UTF-8 bytes in names,
# unparseable or out-of-range arguments: one escaped error line each).
#   run_cli_tests.sh WISP SOURCE_DIR WORK_DIR [BAD_FILES_DIR]
# BAD_FILES_DIR is where tests/bad's generator wrote the binaries (CTest fixture "bad_files").
# Exit status: 0 all passed, 1 failures, 77 wat2wasm missing (CTest: skipped).
set -u
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 WISP SOURCE_DIR WORK_DIR [BAD_FILES_DIR]" >&2
    exit 2
fi
wisp=$1 src=$2 work=$3 bad=${4:-}
here=$src/tests/cli
if ! command -v wat2wasm >/dev/null 2>&1; then
    echo "run_cli_tests.sh: wat2wasm not found (install wabt); CLI tests skipped" >&2
    exit 77
fi
mkdir -p "$work" || exit 1
for w in calc start start_trap import wasi; do
    # --debug-names: a name section, so backtraces can name functions
    wat2wasm --debug-names "$here/$w.wat" -o "$work/$w.wasm" || { echo "cannot compile $w.wat" >&2; exit 1; }
done

passed=0 failed=0 case_name="" status=0 case_ok=1
fail() {
    echo "FAIL [$case_name] $*"
    echo "  command: ${cmd[*]}"
    echo "  status: $status"
    sed 's/^/  stdout: /' "$work/out"
    sed 's/^/  stderr: /' "$work/err"
    case_ok=0
}
# run NAME CMD...: runs a case, capturing stdout, stderr and the exit status.
run() {
    finish
    case_name=$1
    shift
    cmd=("$@")
    case_ok=1
    "$@" >"$work/out" 2>"$work/err" </dev/null
    status=$?
}
# run_stdin NAME FILE CMD...: the same with FILE on standard input.
run_stdin() {
    finish
    case_name=$1 input=$2
    shift 2
    cmd=("$@")
    case_ok=1
    "$@" >"$work/out" 2>"$work/err" <"$input"
    status=$?
}
finish() {
    if [ -n "$case_name" ]; then
        if [ $case_ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    fi
    case_name=""
}
want_status() { [ "$status" = "$1" ] || fail "expected exit status $1"; }
want_stdout() { [ "$(cat "$work/out")" = "$1" ] || fail "expected stdout: $(printf '%q' "$1")"; }
want_stdout_re() { grep -Eq -- "$1" "$work/out" || fail "expected stdout matching /$1/"; }
want_stderr_re() { grep -Eq -- "$1" "$work/err" || fail "expected stderr matching /$1/"; }
want_no_stderr() { [ ! -s "$work/err" ] || fail "expected empty stderr"; }
# An error: exit status 1 (or as given), exactly one stderr line "wisp: error: ... (...)".
want_error() {
    want_status "${2:-1}"
    [ "$(wc -l <"$work/err")" = 1 ] || fail "expected exactly one stderr line"
    grep -Eq '^wisp: error: .+' "$work/err" || fail "expected 'wisp: error: ...'"
    [ -z "${1:-}" ] || want_stderr_re "$1"
    [ -s "$work/out" ] && fail "expected no stdout"
}

# --- help and version ---
run help-flag "$wisp" --help
want_status 0; want_stdout_re '^usage: wisp'; want_stdout_re 'run \[OPTIONS\] MODULE'; want_no_stderr
run help-short "$wisp" -h
want_status 0; want_stdout_re '^usage: wisp'
run help-cmd "$wisp" help
want_status 0; want_stdout_re '^usage: wisp'
run help-run "$wisp" help run
want_status 0; want_stdout_re '^usage: wisp run'; want_stdout_re '--dir HOST\[::GUEST\]'; want_stdout_re '--env NAME=VALUE'
want_stdout_re '--env NAME  '; want_stdout_re '--invoke NAME'; want_stdout_re '134 on a trap'
run run-help "$wisp" run --help
want_status 0; want_stdout_re '^usage: wisp run'
run validate-help "$wisp" validate --help
want_status 0; want_stdout_re '^usage: wisp validate'
run version "$wisp" --version
want_status 0; want_stdout_re '^wisp [0-9]+\.[0-9]+\.[0-9]+$'; want_no_stderr
run version-cmd "$wisp" version
want_status 0; want_stdout_re '^wisp [0-9]+\.[0-9]+\.[0-9]+$'
run no-args "$wisp"
want_status 2; want_stderr_re '^usage: wisp'

# --- command-line errors: exit 2 with a hint ---
run bad-flag "$wisp" --frobnicate
want_error "unknown option '--frobnicate'.*--help" 2
run bad-run-flag "$wisp" run --frobnicate "$work/calc.wasm"
want_error "unknown option '--frobnicate'.*wisp run --help" 2
run bad-command "$wisp" frobnicate
want_error "unknown command 'frobnicate'" 2
# Without a command, a file argument or run's options mean `wisp run` (as with wasmtime).
run implicit-run "$wisp" "$work/wasi.wasm"
want_status 0; want_stdout "hello from wat"; want_no_stderr
run implicit-run-opts "$wisp" --env A=1 --invoke exit_with "$work/wasi.wasm" 21
want_status 21; want_stdout ""; want_no_stderr
# A missing module given that way is a missing file, with its path.
run implicit-run-missing "$wisp" "$work/no-such.wasm"
want_error "cannot open .*no-such.wasm: No such file" 1
run implicit-run-missing-bare "$wisp" no-such.wasm
want_error "cannot open no-such.wasm" 1
run missing-path "$wisp" run
want_error "missing module path" 2
run invoke-no-name "$wisp" run --invoke
want_error "--invoke needs" 2
run validate-bad-flag "$wisp" validate -x "$work/calc.wasm"
want_error "unknown option '-x'" 2

# --- run --invoke ---
c=$work/calc.wasm
run add "$wisp" run --invoke add "$c" 2 3
want_status 0; want_stdout 5; want_no_stderr
run add-neg "$wisp" run --invoke add "$c" -7 2
want_status 0; want_stdout -5
run add-wrap "$wisp" run --invoke add "$c" 0xffffffff 1
want_status 0; want_stdout 0
run add-overflow "$wisp" run --invoke=add "$c" 2147483647 1
want_status 0; want_stdout -2147483648
run add-unsigned "$wisp" run --invoke add "$c" 4294967295 0
want_status 0; want_stdout -1
run add-range "$wisp" run --invoke add "$c" 4294967296 0
want_error "not a valid i32: out of range" 2
run add-garbage "$wisp" run --invoke add "$c" 12abc 0
want_error "not a valid i32" 2
run add-argc "$wisp" run --invoke add "$c" 1
want_error "'add' takes 2 arguments \(i32, i32\) but 1 was given" 2
run add64 "$wisp" run --invoke add64 "$c" 9223372036854775807 1
want_status 0; want_stdout -9223372036854775808
run add64-hex "$wisp" run --invoke add64 "$c" 0xffffffffffffffff -0x10
want_status 0; want_stdout -17
run addf "$wisp" run --invoke addf "$c" 0.1 0.2
want_status 0; want_stdout 0.30000000000000004
run addf-hex "$wisp" run --invoke addf "$c" 0x1.8p1 -inf
want_status 0; want_stdout -inf
run f32-roundtrip "$wisp" run --invoke id_f32 "$c" 3.4028235e38
want_status 0; want_stdout 3.4028235e+38
run f32-tenth "$wisp" run --invoke id_f32 "$c" 0.1
want_status 0; want_stdout 0.1
run f32-negzero "$wisp" run --invoke id_f32 "$c" -0
want_status 0; want_stdout -0
run f32-nan-payload "$wisp" run --invoke id_f32 "$c" -nan:0x200000
want_status 0; want_stdout -nan:0x200000
run f64-nan "$wisp" run --invoke id_f64 "$c" nan
want_status 0; want_stdout nan
run f64-denormal "$wisp" run --invoke id_f64 "$c" 5e-324
want_status 0; want_stdout 5e-324
run f64-bad "$wisp" run --invoke id_f64 "$c" one
want_error "not a valid f64" 2
run multi-value "$wisp" run --invoke swap "$c" 1 2
want_status 0; want_stdout "$(printf '2\n1')"
run no-results "$wisp" run --invoke none "$c"
want_status 0; want_stdout ""; want_no_stderr
run no-export "$wisp" run --invoke nope "$c"
want_error "no exported function 'nope'"
run not-a-func "$wisp" run --invoke mem "$c"
want_error "not a function"
run_stdin stdin "$c" "$wisp" run --invoke add - 40 2
want_status 0; want_stdout 42

# --- traps: "trap: <reason>", backtrace, exit 134 ---
run trap-unreachable "$wisp" run --invoke boom "$c"
want_status 134; want_stderr_re '^trap: unreachable'; [ -s "$work/out" ] && fail "expected no stdout"
want_stderr_re '#0 .*inner'; want_stderr_re '#1 .*middle'
[ "$(head -1 "$work/err")" = "trap: unreachable" ] || fail "expected 'trap: unreachable' as the first line"
run trap-div "$wisp" run --invoke div "$c" 1 0
want_status 134; want_stderr_re '^trap: integer divide by zero'
run trap-overflow "$wisp" run --invoke div "$c" -2147483648 -1
want_status 134; want_stderr_re '^trap: integer overflow'
run trap-oob "$wisp" run --invoke load "$c" 65535
want_status 134; want_stderr_re '^trap: out of bounds memory access'
run trap-exhaustion "$wisp" run --invoke recurse "$c"
want_status 134; want_stderr_re '^trap: call stack exhausted'
# `wisp run` allows 100,000 frames (V8 runs small frames about 20,000 deep): one line, how
# often it repeats, and the total
want_stderr_re '^  #0 func\[[0-9]+\] "recurse" @0x[0-9a-f]+$'
want_stderr_re '^  \.\.\. the frame above repeated 99999 more times$'; want_stderr_re '^  \(100000 frames in all\)$'
[ "$(wc -l <"$work/err")" = 5 ] || fail "expected a folded backtrace of 5 lines"
run deep-recursion "$wisp" run --invoke depth "$c" 60000
want_status 0; want_stdout 60000; want_no_stderr
run trap-start "$wisp" run "$work/start_trap.wasm"
want_status 134; want_stderr_re '^trap: unreachable'

# --- run without --invoke ---
run start "$wisp" run "$work/start.wasm"
want_status 0; want_stdout ""; want_no_stderr
run no-start "$wisp" run "$c"
want_error "no _start function.*--invoke"
run unlinkable "$wisp" run "$work/import.wasm"
want_error "env.*missing"

# --- WASI: output, exit codes, --env, --dir ---
wa=$work/wasi.wasm
run wasi-hello "$wisp" run "$wa"
want_status 0; want_stdout "hello from wat"; want_no_stderr
run_stdin wasi-stdin-module "$wa" "$wisp" run -
want_status 0; want_stdout "hello from wat"
run wasi-invoke "$wisp" run --invoke answer "$wa"
want_status 0; want_stdout 42; want_no_stderr
run wasi-exit "$wisp" run --invoke exit_counts "$wa"
want_status 10; want_stdout ""; want_no_stderr
# Statuses outside 0..255 keep their low 8 bits, as a native exit() and Node's WASI do.
for pair in 0:0 3:3 255:255 -1:255 256:0 300:44 -255:1 2147483647:255 4294967295:255; do
    run "wasi-exit-${pair%%:*}" "$wisp" run --invoke exit_with "$wa" "${pair%%:*}"
    want_status "${pair##*:}"; want_stdout ""; want_no_stderr
done
# A guest writing into a closed pipe gets EPIPE (64) from fd_write; wisp is not killed by SIGPIPE.
finish
case_name=wasi-closed-pipe cmd=("$wisp" run --invoke flood "$wa" "|" head -c 1) case_ok=1
"$wisp" run --invoke flood "$wa" 2>"$work/err" | head -c 1 >"$work/out"
status=${PIPESTATUS[0]}
want_status 164; want_stdout "h"; want_no_stderr
run wasi-env "$wisp" run --env A=1 --env=B=2 --env EMPTY= --invoke exit_counts "$wa"
want_status 13
run wasi-env-host env WISP_CLI_HOST_VAR=x "$wisp" run --env WISP_CLI_HOST_VAR --invoke exit_counts "$wa"
want_status 11
run wasi-env-host-unset env -u WISP_CLI_UNSET_VAR "$wisp" run --env WISP_CLI_UNSET_VAR --invoke exit_counts "$wa"
want_status 10
mkdir -p "$work/dir"
run wasi-dir "$wisp" run --dir "$work/dir" --dir "$work/dir::/data" --dir="$work/dir::." "$wa"
want_status 0; want_stdout "hello from wat"
run wasi-dir-missing "$wisp" run --dir "$work/no-such-dir" "$wa"
want_error "no-such-dir.*No such file or directory.*--dir"
run wasi-dir-file "$wisp" run --dir "$wa::/x" "$wa"
want_error "not a directory.*--dir"
run wasi-dir-no-value "$wisp" run --dir
want_error "--dir needs a directory" 2
run wasi-dir-no-host "$wisp" run --dir ::/guest "$wa"
want_error "--dir needs a host directory" 2
run wasi-dir-no-guest "$wisp" run --dir "$work/dir::" "$wa"
want_error "empty guest path"
run wasi-env-no-value "$wisp" run --env
want_error "--env needs a variable" 2
run wasi-env-no-name "$wisp" run --env =x "$wa"
want_error "--env needs a variable name" 2
run wasi-bad-option "$wisp" run --mapdir x "$wa"
want_error "unknown option '--mapdir'" 2
run wasi-dir-before-module "$wisp" run --dir "$work/no-such-dir" "$work/does-not-exist.wasm"
want_error "no-such-dir"

# --- files that cannot be used ---
run missing-file "$wisp" run "$work/does-not-exist.wasm"
want_error "does-not-exist\.wasm: No such file or directory"
run directory "$wisp" run "$work"
want_error "Is a directory"
printf '' >"$work/empty.wasm"
run empty "$wisp" run "$work/empty.wasm"
want_error "empty\.wasm"
printf 'hello, world\n' >"$work/text.wasm"
run not-wasm "$wisp" run "$work/text.wasm"
want_error "text\.wasm"
# A type section that promises more than the file holds.
printf '\000asm\001\000\000\000\001\005\001\140' >"$work/truncated.wasm"
run malformed "$wisp" run --invoke f "$work/truncated.wasm"
want_error "truncated\.wasm.*0x[0-9a-f]+|0x[0-9a-f]+.*truncated\.wasm"
run validate-malformed "$wisp" validate "$work/truncated.wasm"
want_error "0x[0-9a-f]+"
# An i32.add on an empty stack: well formed, not valid.
printf '\000asm\001\000\000\000\001\004\001\140\000\000\003\002\001\000\012\005\001\003\000\152\013' >"$work/invalid.wasm"
run validate-invalid "$wisp" validate "$work/invalid.wasm"
want_error "invalid\.wasm"
run validate-ok "$wisp" validate "$c" "$work/start.wasm"
want_status 0; want_stdout ""; want_no_stderr
run_stdin validate-stdin "$c" "$wisp" validate -
want_status 0; want_no_stderr
run validate-some-bad "$wisp" validate "$c" "$work/truncated.wasm"
want_error "truncated\.wasm"

# --- the demo of the README ---
run demo-fib "$wisp" run --invoke fib "$src/examples/fib.wasm" 20
want_status 0; want_stdout 6765
run demo-fib-iter "$wisp" run --invoke fib_iter "$src/examples/fib.wasm" 90
want_status 0; want_stdout 2880067194370816120
wat2wasm "$src/examples/fib.wat" -o "$work/fib.wasm"
run demo-wasm-current cmp "$work/fib.wasm" "$src/examples/fib.wasm"
want_status 0

# --- hostile binaries: validate must fail with one line, never crash ---
if [ -n "$bad" ]; then
    nbad=0
    while IFS=$'\t' read -r file substring; do
        case $file in '' | '#'*) continue ;; esac
        nbad=$((nbad + 1))
        run "bad/$file" "$wisp" validate "$bad/$file"
        want_error ""
        grep -Fq -- "$substring" "$work/err" || fail "expected stderr containing '$substring'"
        grep -Fq -- "$file" "$work/err" || fail "expected the file name in the message"
        run "bad/$file (run)" "$wisp" run "$bad/$file"
        want_error ""
    done <"$src/tests/bad/expected.txt"
    [ $nbad -gt 0 ] || { case_name=bad-files; fail "no entries in tests/bad/expected.txt"; }
fi

# --- hostile paths, files and arguments: one clean error line each (exit 1, or 2 for a bad
# command line), never a crash, a hang or a huge allocation ---
run hostile-dev-zero timeout 10 "$wisp" validate /dev/zero
want_error "magic header not detected.*/dev/zero"
run hostile-dev-null "$wisp" run /dev/null
want_error "unexpected end.*/dev/null"
run hostile-empty-stdin "$wisp" run -
want_error "unexpected end.*<stdin>"
run hostile-dir-validate "$wisp" validate "$work/dir"
want_error "cannot read .*dir: Is a directory"
# 2 GiB of nothing: refused by its size before anything is read or allocated.
if truncate -s 2G "$work/sparse.wasm" 2>/dev/null; then
    run hostile-sparse-2g "$wisp" run "$work/sparse.wasm"
    want_error "too large: 2147483648 bytes.*sparse\.wasm"
    rm -f "$work/sparse.wasm"
fi
# Control characters in a path are shown escaped, never sent raw to the terminal.
weird="$work/new"$'\n'"line"$'\e'"[31m.wasm"
printf 'x' >"$weird"
run hostile-control-path "$wisp" run "$weird"
want_error 'new\\x0aline\\x1b\[31m\.wasm'
grep -q $'\e' "$work/err" && fail "raw escape character in the message"
rm -f "$weird"
run hostile-non-utf8-path "$wisp" validate "$work/"$'\xff\xfe\xc2\x9b'"bad.wasm"
want_error 'cannot open .*\\xff\\xfe\\xc2\\x9bbad\.wasm: No such file'
ln -sf loop-b "$work/loop-a" && ln -sf loop-a "$work/loop-b"
run hostile-symlink-loop "$wisp" run "$work/loop-a"
want_error "loop-a: Too many levels of symbolic links"
run hostile-long-path "$wisp" run "$work/$(printf 'x%.0s' {1..5000}).wasm"
want_error "File name too long"
# A FIFO is read like a pipe once a writer opens it; opening one that has no writer blocks, as
# for any program that reads a FIFO (cat, wasmtime): wisp does not second-guess the caller.
rm -f "$work/fifo.wasm"
if mkfifo "$work/fifo.wasm" 2>/dev/null; then
    cat "$c" >"$work/fifo.wasm" &
    writer=$!
    run hostile-fifo timeout 10 "$wisp" run --invoke add "$work/fifo.wasm" 2 3
    want_status 0; want_stdout 5
    kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
    head -c 100000 /dev/zero >"$work/fifo.wasm" &
    writer=$!
    run hostile-fifo-garbage timeout 10 "$wisp" validate "$work/fifo.wasm"
    want_error "magic header not detected.*fifo\.wasm"
    kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
    run hostile-fifo-no-writer timeout 1 "$wisp" validate "$work/fifo.wasm"
    want_status 124
    rm -f "$work/fifo.wasm"
fi
# --dir and --env values
run hostile-dir-is-file "$wisp" run --dir "$c" "$wa"
want_error "not a directory.*--dir"
run hostile-dir-empty "$wisp" run --dir= "$wa"
want_error "--dir needs a host directory" 2
run hostile-dir-escape "$wisp" run --dir $'/no/such\e[2J' "$wa"
want_error 'such\\x1b\[2J'
grep -q $'\e' "$work/err" && fail "raw escape character in the message"
run hostile-env-empty "$wisp" run --env= "$wa"
want_error "--env needs a variable name" 2
# --env NAME (no '='): the host's value, nothing if the host has none (documented, not an error)
run hostile-env-no-equals env -u WISP_CLI_UNSET_VAR "$wisp" run --env WISP_CLI_UNSET_VAR "$wa"
want_status 0; want_stdout "hello from wat"
# --invoke and its arguments
run hostile-invoke-memory "$wisp" run --invoke memory "$wa"
want_error "export is not a function: 'memory'"
run hostile-invoke-empty "$wisp" run --invoke "" "$c"
want_error "no exported function ''"
run hostile-invoke-escape "$wisp" run --invoke $'\e[2J' "$c"
want_error "no exported function '\\\\x1b\[2J'"
run hostile-arg-abc "$wisp" run --invoke add "$c" abc 1
want_error "argument 1 of 'add': 'abc' is not a valid i32: not an integer" 2
run hostile-arg-empty "$wisp" run --invoke add "$c" 1 ""
want_error "argument 2 of 'add': '' is not a valid i32" 2
run hostile-arg-space "$wisp" run --invoke add "$c" " 1" 1
want_error "not a valid i32" 2
run hostile-arg-newline "$wisp" run --invoke add "$c" $'1\n' 1
want_error "'1\\\\x0a' is not a valid i32" 2
run hostile-arg-hex-empty "$wisp" run --invoke add "$c" 0x 1
want_error "not a valid i32: not an integer" 2
run hostile-arg-i32-low "$wisp" run --invoke add "$c" -2147483649 0
want_error "out of range for i32" 2
run hostile-arg-i64-high "$wisp" run --invoke add64 "$c" 18446744073709551616 0
want_error "out of range for i64" 2
run hostile-arg-i64-huge "$wisp" run --invoke add64 "$c" "$(printf '9%.0s' {1..400})" 0
want_error "out of range for i64" 2
run hostile-arg-f64-high "$wisp" run --invoke addf "$c" 1e999 0
want_error "'1e999' is not a valid f64: out of range for f64" 2
run hostile-arg-f32-high "$wisp" run --invoke id_f32 "$c" -1e39
want_error "not a valid f32: out of range for f32" 2
run hostile-arg-f64-words "$wisp" run --invoke addf "$c" 1.5 " nan"
want_error "not a valid f64" 2
run hostile-arg-nan-payload "$wisp" run --invoke id_f32 "$c" nan:0x800000
want_error "bad NaN payload" 2
run hostile-args-too-many "$wisp" run --invoke add "$c" 1 2 3
want_error "'add' takes 2 arguments \(i32, i32\) but 3 were given" 2
run hostile-args-too-few "$wisp" run --invoke add "$c"
want_error "'add' takes 2 arguments \(i32, i32\) but 0 were given" 2
run hostile-args-to-none "$wisp" run --invoke none "$c" 1
want_error "'none' takes 0 arguments \(\) but 1 was given" 2
# Results that cannot be written (a full disk): an error, not a silent success.
finish
case_name=hostile-stdout-full cmd=("$wisp" run --invoke add "$c" 1 2 ">/dev/full") case_ok=1
"$wisp" run --invoke add "$c" 1 2 >/dev/full 2>"$work/err" </dev/null
status=$?
: >"$work/out"
want_error "cannot write the results to standard output: No space left on device"
finish

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
