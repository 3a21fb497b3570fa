#!/bin/sh
# fetch-sqlite.sh DIR: puts sqlite3.c and sqlite3.h into DIR, taken from the SQLite amalgamation
# that the npm package better-sqlite3 ships in deps/. The tarball is cached in DIR/../cache (or
# $BENCH_CACHE). Offline: set SQLITE_TARBALL=/path/to/better-sqlite3-*.tgz or
# SQLITE_SRC=/dir/holding/sqlite3.c+sqlite3.h.
set -eu
dir=$1
pkg=better-sqlite3@12.11.1
tgzname=better-sqlite3-12.11.1.tgz
cache=${BENCH_CACHE:-$dir/../cache}
mkdir -p "$dir" "$cache"
if [ -n "${SQLITE_SRC:-}" ]; then
    cp "$SQLITE_SRC/sqlite3.c" "$SQLITE_SRC/sqlite3.h" "$dir/"
    exit 0
fi
tgz=${SQLITE_TARBALL:-$cache/$tgzname}
if [ ! -s "$tgz" ]; then
    command -v npm >/dev/null 2>&1 || { echo "fetch-sqlite: npm not found (set SQLITE_TARBALL or SQLITE_SRC)" >&2; exit 1; }
    echo "fetch-sqlite: npm pack $pkg -> $cache" >&2
    (cd "$cache" && npm pack --silent "$pkg" >/dev/null)
fi
tar -xzf "$tgz" -C "$dir" --strip-components=3 package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
test -s "$dir/sqlite3.c"
