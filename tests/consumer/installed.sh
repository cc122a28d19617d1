#!/bin/sh
# Installs the current build into a temporary folder (meson install
# --destdir), then builds a C or C++ consumer with nothing but
# `pkg-config --cflags --libs roofmodel` and runs it against the installed
# shared library.  Exit 77 (meson: skipped) when no C++ compiler exists.
# The C run also checks the installed command: bin/roofmodel runs from the
# prefix with no LD_LIBRARY_PATH (its rpath finds the installed library),
# and the man page and bash completion are in place.
#
# usage: installed.sh c|cxx BUILD_ROOT SOURCE_FILE MESON_COMMAND...
set -eu
lang=$1 build=$2 src=$3
shift 3

if [ "$lang" = cxx ]; then
    compiler=
    for c in "${CXX:-}" c++ g++ clang++; do
        if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then
            compiler=$c
            break
        fi
    done
    if [ -z "$compiler" ]; then
        echo "no C++ compiler: skipped (apt-get install g++)"
        exit 77
    fi
    flags="-Wall -Wextra -Werror -pedantic"
    stds="-std=c++11 -std=c++17"
else
    compiler=${CC:-cc}
    flags="-Wall -Wextra -Werror -pedantic"
    stds="-std=c99 -std=c11"
fi
command -v pkg-config >/dev/null 2>&1 || { echo "pkg-config missing"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
if ! "$@" install -C "$build" --destdir "$root" --no-rebuild >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    exit 1
fi
pc=$(find "$root" -name roofmodel.pc | head -n 1)
[ -n "$pc" ] || { echo "roofmodel.pc was not installed"; exit 1; }

# Only the temporary prefix: no system .pc files, paths under the destdir,
# and no filtering of -I/usr/include style paths that would then point at
# the system instead of the destdir.
PKG_CONFIG_LIBDIR=$(dirname "$pc")
PKG_CONFIG_PATH=
PKG_CONFIG_SYSROOT_DIR=$root
PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1
PKG_CONFIG_ALLOW_SYSTEM_LIBS=1
export PKG_CONFIG_LIBDIR PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR \
    PKG_CONFIG_ALLOW_SYSTEM_CFLAGS PKG_CONFIG_ALLOW_SYSTEM_LIBS
cflags=$(pkg-config --cflags roofmodel)
libs=$(pkg-config --libs roofmodel)
echo "pkg-config: $cflags $libs"
case "$cflags" in *"$root"*) ;; *) echo "cflags miss the installed headers"; exit 1 ;; esac
libdir=
for f in $libs; do
    case "$f" in -L*) libdir=${f#-L} ;; esac
done
[ -d "$libdir" ] || { echo "no -L directory in: $libs"; exit 1; }

if [ "$lang" = c ]; then
    exe=$(find "$root" -path '*/bin/roofmodel' -type f | head -n 1)
    [ -n "$exe" ] || { echo "bin/roofmodel was not installed"; exit 1; }
    out=$(env -u LD_LIBRARY_PATH "$exe" --version) \
        || { echo "installed $exe fails: exit $?"; exit 1; }
    echo "installed command: $out"
    (cd "$tmp" && env -u LD_LIBRARY_PATH "$exe" classify --hw a6000 \
        --flops 1e9 --bytes 1e9 >/dev/null) \
        || { echo "installed command fails from another folder"; exit 1; }
    if command -v ldd >/dev/null 2>&1; then
        env -u LD_LIBRARY_PATH ldd "$exe" | grep libroofmodel | grep -q "$root" \
            || { echo "installed command not linked to the installed library:"
                 env -u LD_LIBRARY_PATH ldd "$exe"; exit 1; }
    fi
    find "$root" -path '*/man1/roofmodel.1' | grep -q . \
        || { echo "man page roofmodel.1 was not installed"; exit 1; }
    find "$root" -path '*/share/bash-completion/completions/roofmodel' \
        | grep -q . || { echo "bash completion was not installed"; exit 1; }
fi

for std in $stds; do
    # shellcheck disable=SC2086  # the flags are word lists
    $compiler $std $flags "$src" $cflags $libs -o "$tmp/consumer"
    LD_LIBRARY_PATH=$libdir "$tmp/consumer"
    if command -v ldd >/dev/null 2>&1; then
        LD_LIBRARY_PATH=$libdir ldd "$tmp/consumer" | grep "libroofmodel" \
            | grep -q "$libdir" || { echo "not linked to the installed library"; exit 1; }
    fi
    echo "$lang $std: ok"
done
