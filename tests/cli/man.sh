#!/bin/sh
# The man page made from docs/cli.md: a well-formed man(7) page (groff
# reports no warning when it is installed) holding every section of
# docs/cli.md, so the two cannot drift.
#
# usage: man.sh ROOFMODEL.1 CLI_MD
set -eu
page=$1 md=$2
fail=0

head -n 1 "$page" | grep -q '^\.TH ROOFMODEL 1 ' || { echo "no .TH line"; fail=1; }
for s in NAME DESCRIPTION; do
    grep -qx "\.SH $s" "$page" || { echo "no section $s"; fail=1; }
done
# Each "## heading" of docs/cli.md is a section of the page.  Compare the
# words only: the page escapes hyphens and sets code in bold.
n=0
grep '^## ' "$md" | sed 's/^## //; s/[^A-Za-z0-9 ]//g' >"${TMPDIR:-/tmp}/man-sh.$$"
trap 'rm -f "${TMPDIR:-/tmp}/man-sh.$$"' EXIT
while IFS= read -r h; do
    n=$((n + 1))
    if ! grep '^\.SH ' "$page" | sed 's/\\f[BIR]//g; s/\\-/-/g; s/\\(dq//g; s/[^A-Za-z0-9 ]//g' \
        | grep -qxF "SH $h"; then
        echo "section missing from the page: $h"
        fail=1
    fi
done <"${TMPDIR:-/tmp}/man-sh.$$"
[ "$n" -gt 5 ] || { echo "docs/cli.md has only $n sections?"; fail=1; }
# Every subcommand's usage line is in the page.
for c in "hw list" "model show" ops estimate plot classify label collective ep; do
    sed 's/\\-/-/g; s/\\f[BIR]//g' "$page" | grep -q "roofmodel $c" \
        || { echo "page lacks 'roofmodel $c'"; fail=1; }
done
if command -v groff >/dev/null 2>&1; then
    warnings=$(LC_ALL=C.UTF-8 groff -K utf8 -man -ww -z "$page" 2>&1 || true)
    if [ -n "$warnings" ]; then
        echo "groff warns:"
        echo "$warnings" | head -n 20
        fail=1
    fi
fi
[ $fail -eq 0 ] && echo "man page: $n sections of docs/cli.md, groff clean"
exit $fail
