#!/usr/bin/env bash
# roofmodel's two quick-start commands (see README.md):
#   ./build.sh run [ARGS...]   build, then run `roofmodel ARGS...` (no ARGS:
#                              draw the seed figure into roofline.svg)
#   ./build.sh test [--full]   build, then run every test; --full adds the
#                              quality gates of .ci/gates.sh (compilers,
#                              sanitizers, valgrind, fuzzing, coverage, ...)
# Each installs the Debian packages it needs when they are missing.
set -euo pipefail
# The repository; the caller's folder stays the working directory, so that
# `./build.sh run model show ./cfg.json -o here.svg` reads and writes
# relative paths where the caller is.
ROOT=$(cd "$(dirname "$0")" && pwd)

BUILD=${ROOF_BUILD_DIR:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac

# Debian packages: to build, to test, and the --full extras.
RUN_PKGS="gcc meson ninja-build pkg-config libcmocka-dev"
TEST_PKGS="$RUN_PKGS g++ libxml2-utils python3 python3-venv"
# The Rust bindings' tests need cargo: Debian's (Rust 1.63, which the crates
# support) unless the machine already has one, from rustup say.
command -v cargo >/dev/null 2>&1 || TEST_PKGS="$TEST_PKGS cargo"
# The Go binding's tests need go: Debian's golang-go (Go 1.19, which the
# package supports) unless the machine already has one.
command -v go >/dev/null 2>&1 || TEST_PKGS="$TEST_PKGS golang-go"
FULL_PKGS="clang valgrind gcovr cppcheck clang-tidy libclang-rt-14-dev librsvg2-bin"

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

ensure_pkgs() {
    local missing=()
    for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "build.sh: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

build() {
    if [ ! -f "$BUILD/build.ninja" ]; then
        (cd "$ROOT" && meson setup "$BUILD" >/dev/null)
    fi
    ninja -C "$BUILD" >/dev/null
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
run)
    ensure_pkgs $RUN_PKGS
    build
    exec "$BUILD/cli/roofmodel" "$@"
    ;;
test)
    full=0
    if [ "${1:-}" = "--full" ]; then full=1; shift; fi
    if [ $full -eq 1 ]; then ensure_pkgs $TEST_PKGS $FULL_PKGS; else ensure_pkgs $TEST_PKGS; fi
    build
    meson test -C "$BUILD" --print-errorlogs "$@"
    if [ $full -eq 1 ]; then
        (cd "$ROOT" && bash .ci/gates.sh)
    fi
    ;;
*)
    echo "usage: ./build.sh run [ARGS...] | ./build.sh test [--full]" >&2
    exit 2
    ;;
esac
