#!/usr/bin/env bash
# The shared library exports exactly the API: every function the public
# headers declare with ROOF_API, nothing else (no private roof__ helpers, no
# libc or compiler-runtime symbols).  The version script lib/roofmodel.map
# lists exactly those functions, each once, by version node (ROOFMODEL_0.1
# the first release's, ROOFMODEL_0.2 those added since), and each exported
# symbol carries the node the map gives it.
#
# usage: exports.sh LIBROOFMODEL.so INCLUDE_DIR MAP
# Exit 0 = pass, 1 = fail, 77 = skipped (binutils missing).
set -euo pipefail

lib=${1:?usage: exports.sh LIB.so INCLUDE_DIR MAP}
inc=${2:?usage: exports.sh LIB.so INCLUDE_DIR MAP}
map=${3:?usage: exports.sh LIB.so INCLUDE_DIR MAP}

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

# The map: "NAME NODE" for every name listed under a node's global:
# (comments dropped; the local: * wildcard is not a name).
sed 's|/\*.*\*/||; s|^[[:space:]]*\*.*||' "$map" | awk '
    /^[A-Za-z0-9_.]+[[:space:]]*\{/ { node = $1; global = 0; next }
    /global:/ { global = 1; next }
    /local:/ { global = 0; next }
    /^\}/ { node = ""; next }
    global && node != "" && match($0, /[A-Za-z_][A-Za-z0-9_]*[[:space:]]*;/) {
        name = substr($0, RSTART, RLENGTH); sub(/[[:space:]]*;/, "", name)
        print name " " node
    }' >"$tmp/map"
cut -d' ' -f1 "$tmp/map" | sort >"$tmp/map-names"
if [ "$(uniq -d "$tmp/map-names" | wc -l)" -ne 0 ]; then
    echo "exports: listed more than once in $map:"
    uniq -d "$tmp/map-names" | sed 's/^/  /'
    fail=1
fi
sort -u "$tmp/map-names" -o "$tmp/map-names"
if comm -23 "$tmp/declared" "$tmp/map-names" >"$tmp/unlisted" && [ -s "$tmp/unlisted" ]; then
    echo "exports: declared with ROOF_API but not in $map (add them to the newest node):"
    sed 's/^/  /' "$tmp/unlisted"
    fail=1
fi
if comm -13 "$tmp/declared" "$tmp/map-names" >"$tmp/stale" && [ -s "$tmp/stale" ]; then
    echo "exports: in $map but not declared with ROOF_API:"
    sed 's/^/  /' "$tmp/stale"
    fail=1
fi
nodes=$(cut -d' ' -f2 "$tmp/map" | sort -u)

# Defined dynamic symbols, without the version nodes themselves (ABS
# symbols).  nm prints "name@@NODE" for versioned symbols (binutils >= 2.35)
# and the bare name before that; the nodes are checked with objdump below.
nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' \
    | grep -vxF -f <(printf '%s\n' $nodes) | sort -u >"$tmp/exported"

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

# Every exported function carries the node the map gives it.  (Into a file
# first: grep -q closing the pipe early would fail objdump under pipefail.)
objdump -T "$lib" >"$tmp/objdump"
awk '$4 != "*UND*" && $NF ~ /^roof_/ {print $NF " " $(NF-1)}' "$tmp/objdump" \
    | sort >"$tmp/versioned"
sort "$tmp/map" >"$tmp/map-sorted"
if ! diff "$tmp/map-sorted" "$tmp/versioned" >"$tmp/node-diff"; then
    echo "exports: version nodes differ from $map (< map, > library):"
    sed 's/^/  /' "$tmp/node-diff"
    fail=1
fi

if [ $fail -ne 0 ]; then
    exit 1
fi
echo "exports: $nexp symbols, all declared with ROOF_API ($ndecl), each in its node of $map:" \
    $(for n in $nodes; do echo "$n $(grep -c " $n\$" "$tmp/map")"; done)
