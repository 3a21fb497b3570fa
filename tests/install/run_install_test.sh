#!/usr/bin/env bash
# The install test (CTest "install"): installs the build into temporary prefixes and builds
# small programs against the installed headers and libraries, as an embedder would:
#   1. cmake --install --prefix P; cc $(pkg-config --cflags --libs wisp) for each header's program
#      (shared library), and the same linked statically; then run them.
#   2. DESTDIR=D cmake --install --prefix /opt/...: wisp.pc names the real prefix, and pkg-config
#      with PKG_CONFIG_SYSROOT_DIR=D finds the staged files.
#   3. a CMake project using find_package(wisp) with CMAKE_PREFIX_PATH=P (shared and static).
#   run_install_test.sh BUILD_DIR SOURCE_DIR WORK_DIR CC [COMPILER FLAGS...]
# Exit status 0 if all worked, 1 otherwise, 77 (skipped) without pkg-config.
set -u
if [ $# -lt 4 ]; then
    echo "usage: $0 BUILD_DIR SOURCE_DIR WORK_DIR CC [FLAGS...]" >&2
    exit 2
fi
build=$1 src=$2 work=$3 cc=$4
shift 4
flags=("$@")
here=$src/tests/install
if ! command -v pkg-config >/dev/null 2>&1; then
    echo "run_install_test.sh: pkg-config not found; test skipped" >&2
    exit 77
fi
fail() {
    echo "install test: FAILED: $*" >&2
    exit 1
}
step() { echo "== $*"; }

rm -rf "$work" && mkdir -p "$work" || fail "cannot create $work"
cflags=(-std=c11 -Wall -Wextra -Werror "${flags[@]}")

# The programs to build: one per installed header.
progs=(prog_wisp)
[ -e "$src/include/wasm.h" ] && progs+=(prog_capi)
[ -e "$src/include/wisp_wasi.h" ] && progs+=(prog_wasi)

# ---- 1. plain prefix, pkg-config ----
prefix=$work/prefix
step "cmake --install --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
pc=$(find "$prefix" -name wisp.pc | head -n 1)
[ -n "$pc" ] || fail "no wisp.pc installed"
export PKG_CONFIG_PATH=$(dirname "$pc")
grep -qx "prefix=$prefix" "$pc" || fail "wisp.pc does not name the prefix $prefix: $(grep ^prefix= "$pc")"
libdir=$(pkg-config --variable=libdir wisp) || fail "pkg-config cannot read wisp.pc"
[ "$(pkg-config --modversion wisp)" = "$(sed -n 's/^#define WISP_VERSION "\(.*\)"/\1/p' "$src/include/wisp.h")" ] ||
    fail "pkg-config --modversion $(pkg-config --modversion wisp) differs from WISP_VERSION"
for h in wisp.h wasm.h wasm_wisp.h wisp_wasi.h; do
    [ -e "$src/include/$h" ] || continue
    [ -e "$(pkg-config --variable=includedir wisp)/$h" ] || fail "$h not installed"
done
for p in "${progs[@]}"; do
    step "$p: cc \$(pkg-config --cflags --libs wisp)"
    # shellcheck disable=SC2046
    "$cc" "${cflags[@]}" -I"$here" "$here/$p.c" $(pkg-config --cflags --libs wisp) -o "$work/$p" ||
        fail "building $p with pkg-config"
    LD_LIBRARY_PATH=$libdir "$work/$p" || fail "running $p (shared)"
    step "$p: static libwisp.a \$(pkg-config --static --libs-only-l wisp)"
    # shellcheck disable=SC2046
    "$cc" "${cflags[@]}" -I"$here" "$here/$p.c" $(pkg-config --cflags wisp) "$libdir/libwisp.a" \
        $(pkg-config --static --libs-only-l wisp | sed 's/-lwisp//') -o "$work/$p-static" ||
        fail "building $p statically"
    env -u LD_LIBRARY_PATH "$work/$p-static" || fail "running $p (static)"
done

# ---- 2. DESTDIR staging ----
stage=$work/stage
staged_prefix=/opt/wisp-install-test
step "DESTDIR=$stage cmake --install --prefix $staged_prefix"
DESTDIR=$stage cmake --install "$build" --prefix "$staged_prefix" >"$work/install-destdir.log" 2>&1 ||
    { cat "$work/install-destdir.log"; fail "DESTDIR install"; }
[ -e "$staged_prefix" ] && fail "DESTDIR install wrote outside DESTDIR"
spc=$(find "$stage" -name wisp.pc | head -n 1)
[ -n "$spc" ] || fail "no wisp.pc under DESTDIR"
grep -qx "prefix=$staged_prefix" "$spc" || fail "staged wisp.pc names $(grep ^prefix= "$spc"), not $staged_prefix"
flags_staged=$(PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_PATH=$(dirname "$spc") pkg-config --cflags --libs wisp) ||
    fail "pkg-config on the staged wisp.pc"
step "prog_wisp against the staged files: $flags_staged"
# shellcheck disable=SC2086
"$cc" "${cflags[@]}" -I"$here" "$here/prog_wisp.c" $flags_staged -o "$work/prog_wisp-staged" ||
    fail "building against the staged files"
LD_LIBRARY_PATH=$stage$staged_prefix/$(basename "$libdir") "$work/prog_wisp-staged" || fail "running the staged build"

# ---- 3. find_package(wisp) ----
step "find_package(wisp) in a CMake project"
cmake -S "$here/project" -B "$work/project" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="${cflags[*]}" -DCMAKE_EXE_LINKER_FLAGS="${flags[*]}" -DCMAKE_BUILD_TYPE=Debug \
    >"$work/project.log" 2>&1 || { cat "$work/project.log"; fail "configuring the find_package project"; }
cmake --build "$work/project" >>"$work/project.log" 2>&1 || { cat "$work/project.log"; fail "building it"; }
built=(prog_wisp_shared prog_wisp_static)
[ -e "$src/include/wasm.h" ] && built+=(prog_capi_shared prog_capi_static)
for p in "${built[@]}"; do
    [ -x "$work/project/$p" ] || fail "$p was not built"
    env -u LD_LIBRARY_PATH "$work/project/$p" || fail "running $p"
done
echo "install test: ok"
