#!/usr/bin/env bash
# Runs every module of the extreme manifest (written by gen.c) through the `wisp` command:
#   ok    `wisp run --invoke run FILE` prints the listed value and exits 0, nothing on stderr;
#   trap  it exits 134 and stderr starts "trap: <listed message>" with a short (folded) backtrace;
#   limit it exits 1 with one stderr line "wisp: error: ..." containing the listed message.
#   run_extreme.sh WISP DIR
# Prints each module's time; a hang is caught by the CTest timeout.
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 WISP DIR" >&2
    exit 2
fi
wisp=$1 dir=$2
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# Milliseconds (0 where date has no %N).
now_ms() {
    local t
    t=$(date +%s%N 2>/dev/null)
    case $t in *[!0-9]* | '') echo 0 ;; *) echo $((t / 1000000)) ;; esac
}
total=0 failed=0
start_all=$(now_ms)
while IFS=$'\t' read -r file kind expect; do
    [ -n "$file" ] || continue
    total=$((total + 1))
    start=$(now_ms)
    "$wisp" run --invoke run "$dir/$file" >"$out" 2>"$err" </dev/null
    status=$?
    ms=$(($(now_ms) - start))
    why=""
    case $kind in
    ok)
        [ "$status" = 0 ] || why="exit status $status, expected 0"
        [ -n "$why" ] || [ "$(cat "$out")" = "$expect" ] || why="printed '$(head -c 200 "$out")', expected '$expect'"
        [ -n "$why" ] || [ ! -s "$err" ] || why="unexpected stderr"
        ;;
    trap)
        [ "$status" = 134 ] || why="exit status $status, expected 134"
        [ -n "$why" ] || [ "$(head -1 "$err")" = "trap: $expect" ] || why="expected 'trap: $expect' first on stderr"
        [ -n "$why" ] || [ "$(wc -l <"$err")" -le 8 ] || why="expected a short (folded) backtrace"
        [ -n "$why" ] || [ ! -s "$out" ] || why="unexpected stdout"
        ;;
    limit)
        [ "$status" = 1 ] || why="exit status $status, expected 1"
        [ -n "$why" ] || [ "$(wc -l <"$err")" = 1 ] || why="expected exactly one stderr line"
        [ -n "$why" ] || grep -q '^wisp: error: ' "$err" || why="expected 'wisp: error: ...'"
        [ -n "$why" ] || grep -Fq -- "$expect" "$err" || why="expected stderr containing '$expect'"
        [ -n "$why" ] || [ ! -s "$out" ] || why="unexpected stdout"
        ;;
    *) why="unknown kind '$kind' in the manifest" ;;
    esac
    if [ -n "$why" ]; then
        failed=$((failed + 1))
        echo "FAIL $file ($kind): $why"
        sed 's/^/  stdout: /' "$out" | head -5
        sed 's/^/  stderr: /' "$err" | head -10
    else
        printf 'ok   %-32s %-5s %6d ms\n' "$file" "$kind" "$ms"
    fi
done <"$dir/manifest.txt"
echo "$total modules, $failed failed, $(($(now_ms) - start_all)) ms"
[ "$total" -gt 0 ] && [ "$failed" = 0 ]
