#!/bin/sh
# roofmodel as a meson subproject: copies tests/consumer/subproject into a
# temporary folder, links the roofmodel source tree in as
# subprojects/roofmodel, configures with the subproject forced, builds only
# the consumer (and so only the library it needs) and runs it.
#
# usage: subproject.sh SOURCE_ROOT PROJECT_DIR MESON_COMMAND...
set -eu
src=$1 proj=$2
shift 2
command -v ninja >/dev/null 2>&1 || { echo "ninja missing"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R "$proj" "$tmp/proj"
mkdir "$tmp/proj/subprojects"
ln -s "$src" "$tmp/proj/subprojects/roofmodel"
if ! "$@" setup "$tmp/build" "$tmp/proj" --force-fallback-for=roofmodel \
        >"$tmp/setup.log" 2>&1; then
    cat "$tmp/setup.log"
    exit 1
fi
ninja -C "$tmp/build" consumer >"$tmp/ninja.log" 2>&1 || { cat "$tmp/ninja.log"; exit 1; }
"$tmp/build/consumer"
