#!/usr/bin/env bash
# The shared library exports exactly the API: every function the public
# headers declare with ROOF_API, nothing else (no private roof__ helpers, no
# libc or compiler-runtime symbols), each tagged with the version script's
# node ROOFMODEL_0.1 (lib/roofmodel.map).
#
# usage: exports.sh LIBROOFMODEL.so INCLUDE_DIR
# Exit 0 = pass, 1 = fail, 77 = skipped (binutils missing).
set -euo pipefail

lib=${1:?usage: exports.sh LIB.so INCLUDE_DIR}
inc=${2:?usage: exports.sh LIB.so INCLUDE_DIR}
node=ROOFMODEL_0.1

for tool in nm objdump; do
    if ! command -v "$tool" >/dev/null; then
        echo "exports: $tool not found; skipped"
        exit 77
    fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Declared: the identifier before the first '(' on each ROOF_API line.  The
# headers keep the name on the ROOF_API line (one declaration style), and a
# line this cannot parse fails the test rather than being skipped.
grep -h 'ROOF_API' "$inc"/roofmodel.h "$inc"/roofmodel/*.h \
    | grep -v '^[[:space:]]*#' >"$tmp/api-lines" || true
while IFS= read -r line; do
    name=$(printf '%s\n' "$line" \
        | sed -nE 's/^[^(]*[^A-Za-z0-9_](roof_[A-Za-z0-9_]+)[[:space:]]*\(.*/\1/p')
    if [ -z "$name" ]; then
        echo "exports: cannot find the function name in: $line"
        fail=1
        continue
    fi
    echo "$name"
done <"$tmp/api-lines" | sort -u >"$tmp/declared"

# Defined dynamic symbols, without the version node itself (an ABS
# symbol).  nm prints "name@@NODE" for versioned symbols (binutils >= 2.35)
# and the bare name before that; the node is checked with objdump below.
nm -D --defined-only "$lib" | awk '{print $NF}' \
    | grep -vx "$node" >"$tmp/exported-raw"
sed 's/@.*//' "$tmp/exported-raw" | sort -u >"$tmp/exported"

ndecl=$(wc -l <"$tmp/declared")
nexp=$(wc -l <"$tmp/exported")
if [ "$ndecl" -eq 0 ]; then
    echo "exports: no ROOF_API declarations found under $inc"
    exit 1
fi

if grep -v '^roof_' "$tmp/exported" >"$tmp/foreign"; then
    echo "exports: symbols outside the roof_ namespace:"
    sed 's/^/  /' "$tmp/foreign"
    fail=1
fi
if comm -13 "$tmp/declared" "$tmp/exported" >"$tmp/extra" && [ -s "$tmp/extra" ]; then
    echo "exports: exported but not declared with ROOF_API in include/:"
    sed 's/^/  /' "$tmp/extra"
    fail=1
fi
if comm -23 "$tmp/declared" "$tmp/exported" >"$tmp/missing" && [ -s "$tmp/missing" ]; then
    echo "exports: declared with ROOF_API but not exported:"
    sed 's/^/  /' "$tmp/missing"
    fail=1
fi

# Every exported function carries the version node.
# (Into a file first: grep -q closing the pipe early would fail objdump
# under pipefail.)
objdump -T "$lib" >"$tmp/objdump"
if ! grep -q "[[:space:]]$node[[:space:]]" "$tmp/objdump"; then
    echo "exports: version node $node missing from objdump -T"
    fail=1
fi
awk -v n="$node" \
    '$4 != "*UND*" && $NF ~ /^roof_/ && $(NF-1) != n {print $NF " " $(NF-1)}' \
    "$tmp/objdump" >"$tmp/unversioned"
if [ -s "$tmp/unversioned" ]; then
    echo "exports: symbols not in version node $node:"
    sed 's/^/  /' "$tmp/unversioned"
    fail=1
fi

if [ $fail -ne 0 ]; then
    exit 1
fi
echo "exports: $nexp symbols, all declared with ROOF_API ($ndecl), all in $node"
