#!/usr/bin/env bash
# The project's one test command: installs the Debian packages the build and tests need (only those
# missing, with apt-get, as root), configures and builds with CMake, and runs every CTest test.
#   scripts/test.sh             Release build in build/
#   scripts/test.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build-san/
# Environment: JOBS (parallel jobs, default: number of CPUs), BUILD_DIR (overrides the build dir).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sanitize=0
for arg in "$@"; do
    case $arg in
    --sanitize) sanitize=1 ;;
    -h | --help)
        sed -n '2,6s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
        exit 0
        ;;
    *)
        echo "scripts/test.sh: unknown option '$arg' (try --help)" >&2
        exit 2
        ;;
    esac
done

# Build tools, the spec-runner's JSON library, wabt (wast2json/wat2wasm for the tests), and for
# the WASI work: binaryen, and clang with lld, wasi-libc and the wasm32 compiler runtime (the
# tests/wasi guests and the SQLite test are compiled to wasm32-wasi at test time). Optional: Node 20
# (the WASI comparison tests) and npm (fetches the SQLite sources); without them those tests skip.
packages=(cmake make gcc pkg-config libcjson-dev wabt binaryen clang lld wasi-libc libclang-rt-14-dev-wasm32)
if command -v dpkg >/dev/null 2>&1; then
    missing=()
    for p in "${packages[@]}"; do
        dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "scripts/test.sh: installing ${missing[*]}"
        sudo=()
        if [ "$(id -u)" -ne 0 ]; then
            command -v sudo >/dev/null 2>&1 || {
                echo "scripts/test.sh: need root to install ${missing[*]}" >&2
                exit 1
            }
            sudo=(sudo)
        fi
        "${sudo[@]}" apt-get update
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
    fi
else
    echo "scripts/test.sh: not a Debian system; make sure these are installed: ${packages[*]}" >&2
fi

jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
if [ $sanitize = 1 ]; then
    build=${BUILD_DIR:-$root/build-san}
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DWISP_SANITIZE=ON
    export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
else
    build=${BUILD_DIR:-$root/build}
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" -j"$jobs"
cd "$build"
ctest --output-on-failure -j"$jobs"
