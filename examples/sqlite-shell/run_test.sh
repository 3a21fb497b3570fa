#!/usr/bin/env bash
# The "real program" test: SQLite (its amalgamation, from the npm package better-sqlite3, fetched
# at test time) with our small shell sqlsh.c, built natively and to wasm32-wasi from the same
# sources. Two sessions (create.sql, then query.sql on the database the first left behind) and a
# third reading its script from standard input run natively and under `wisp run --dir`; their
# output, exit statuses and resulting database files must be identical.
#   run_test.sh WISP SOURCE_DIR WORK_DIR
# Environment: CC (native compiler, default cc), WISP_WASI_CC (default clang), WISP_DEPS_DIR (where
# the SQLite sources are kept; default WORK_DIR/deps; an existing copy is used without npm).
# Exit status: 0 passed, 1 failed, 77 skipped (no npm or registry, or no wasm32-wasi toolchain).
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 WISP SOURCE_DIR WORK_DIR" >&2
    exit 2
fi
wisp=$1 src=$2 work=$3
here=$src/examples/sqlite-shell
cc=${CC:-cc}
wcc=${WISP_WASI_CC:-clang}
deps=${WISP_DEPS_DIR:-$work/deps}
# The pinned source: better-sqlite3 12.11.1 ships SQLite 3.53.2. The checksums make a changed
# package fail loudly rather than test something else.
pkg=better-sqlite3@12.11.1
sum_c=60d2f39a3726cd6b9021da6f4e868608d66fbb6528a9f513dc8ffcc640493422
sum_h=9e69a1353a4288450b0d5239ede11fc7f1f4c8e5eb07491fc8317eacb5b7de7e
mkdir -p "$work" "$deps" || exit 1

# --- the SQLite sources ---------------------------------------------------------------------------
have_sources() {
    [ -f "$deps/sqlite3.c" ] && [ -f "$deps/sqlite3.h" ] &&
        echo "$sum_c  $deps/sqlite3.c" | sha256sum -c --status 2>/dev/null &&
        echo "$sum_h  $deps/sqlite3.h" | sha256sum -c --status 2>/dev/null
}
if ! have_sources; then
    sh "$src/scripts/npm-fetch.sh" "$pkg" "$deps" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
    rc=$?
    [ $rc -eq 0 ] || exit $rc
    have_sources || { echo "FAIL: the SQLite sources from $pkg do not have the pinned checksums"; exit 1; }
fi

# --- two builds from the same sources -------------------------------------------------------------------
# The same options for both: no threads, no extensions, no WAL or mmap (WASI has neither), the
# dot-file locking that SQLite's WASI build uses anyway, and FTS5 and the math functions.
flags=(-O2 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL -DSQLITE_MAX_MMAP_SIZE=0
    '-DSQLITE_DEFAULT_UNIX_VFS="unix-dotfile"' -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_MATH_FUNCTIONS -I"$deps")
newer() { [ -f "$1" ] && [ "$1" -nt "$here/sqlsh.c" ] && [ "$1" -nt "$deps/sqlite3.c" ]; }
if ! newer "$work/sqlsh.wasm"; then
    if ! printf 'int main(void) { return 0; }\n' |
        "$wcc" --target=wasm32-wasi --sysroot=/usr -x c - -o "$work/probe.wasm" >/dev/null 2>&1; then
        echo "run_test.sh: no wasm32-wasi C toolchain ($wcc with wasi-libc); skipped"
        exit 77
    fi
    rm -f "$work/probe.wasm"
    echo "building sqlsh.wasm (SQLite $(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$deps/sqlite3.h"))"
    "$wcc" --target=wasm32-wasi --sysroot=/usr "${flags[@]}" "$here/sqlsh.c" "$deps/sqlite3.c" -lm \
        -o "$work/sqlsh.wasm.tmp" && mv -f "$work/sqlsh.wasm.tmp" "$work/sqlsh.wasm" ||
        { echo "FAIL: cannot build sqlsh.wasm"; exit 1; }
fi
if ! newer "$work/sqlsh-native"; then
    echo "building sqlsh-native with $cc"
    "$cc" "${flags[@]}" "$here/sqlsh.c" "$deps/sqlite3.c" -lm -o "$work/sqlsh-native.tmp" &&
        mv -f "$work/sqlsh-native.tmp" "$work/sqlsh-native" || { echo "FAIL: cannot build sqlsh-native"; exit 1; }
fi

# --- the same sessions, natively and under wisp ---------------------------------------------------------
run=$(mktemp -d "$work/run.XXXXXX") || exit 1
mkdir "$run/native" "$run/wasm"
cp "$here/create.sql" "$here/query.sql" "$run/native/"
cp "$here/create.sql" "$here/query.sql" "$run/wasm/"
failed=0
session() { # NAME SCRIPT-ARGS...
    local name=$1
    shift
    (cd "$run/native" && "$work/sqlsh-native" "$@") >"$run/$name.native" 2>&1
    echo $? >"$run/$name.native.status"
    timeout 600 "$wisp" run --dir "$run/wasm::." "$work/sqlsh.wasm" "$@" >"$run/$name.wasm" 2>&1
    echo $? >"$run/$name.wasm.status"
    if ! cmp -s "$run/$name.native.status" "$run/$name.wasm.status"; then
        echo "FAIL [$name] exit status: native $(cat "$run/$name.native.status"), wisp $(cat "$run/$name.wasm.status")"
        failed=1
    fi
    if ! diff -u "$run/$name.native" "$run/$name.wasm"; then
        echo "FAIL [$name] the output under wisp differs from the native output"
        failed=1
    else
        echo "PASS [$name] $(wc -l <"$run/$name.native") identical lines, exit status $(cat "$run/$name.native.status")"
    fi
}
session create test.db create.sql
session query test.db query.sql
# The third session reads its script from standard input.
(cd "$run/native" && "$work/sqlsh-native" test.db <query.sql) >"$run/stdin.native" 2>&1
timeout 600 "$wisp" run --dir "$run/wasm::." "$work/sqlsh.wasm" test.db <"$run/wasm/query.sql" >"$run/stdin.wasm" 2>&1
if diff -u "$run/stdin.native" "$run/stdin.wasm" >/dev/null; then
    echo "PASS [stdin] identical output"
else
    echo "FAIL [stdin] the output under wisp differs from the native output"
    failed=1
fi

# Not trivially equal: the sessions did what the scripts ask.
grep -qx 'ok' "$run/create.native" || { echo "FAIL: no integrity_check 'ok' in the create session"; failed=1; }
grep -q 'SEARCH reading USING INDEX reading_city_day' "$run/query.native" ||
    { echo "FAIL: the query session did not run to the query plan"; failed=1; }
[ "$(tail -1 "$run/query.native")" = 13334 ] || { echo "FAIL: the query session did not finish"; failed=1; }
[ "$(cat "$run/create.native.status")" = 1 ] || { echo "FAIL: create.sql's deliberate errors should exit 1"; failed=1; }
# The database files themselves: the same bytes.
if cmp "$run/native/test.db" "$run/wasm/test.db"; then
    echo "PASS [database] identical files ($(wc -c <"$run/native/test.db") bytes)"
else
    echo "FAIL [database] the database files differ"
    failed=1
fi
[ ! -e "$run/wasm/test.db-journal" ] || { echo "FAIL: a journal was left behind"; failed=1; }

if [ $failed = 0 ]; then
    rm -rf "$run"
    echo "sqlite: native and wisp agree"
    exit 0
fi
echo "work directory kept: $run"
exit 1
