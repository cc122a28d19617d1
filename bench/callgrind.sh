#!/usr/bin/env bash
# Instructions per question, counted by callgrind: exact and repeatable on
# a noisy machine where wall-clock times are not.  For each case it runs
# the benchmark program untimed with 1 and with 1+N repetitions and prints
# (I(1+N) - I(1)) / N, so set-up and start-up cancel out.
#   bash bench/callgrind.sh [BUILD_DIR] [N]      (defaults: build, 100)
set -euo pipefail
build=${1:-build}
n=${2:-100}
bench=$build/bench/roofmodel-bench
command -v valgrind >/dev/null || { echo "callgrind.sh: needs valgrind" >&2; exit 1; }
[ -x "$bench" ] || { echo "callgrind.sh: build $bench first (ninja -C $build)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$bench" --reps "$1" "$2" \
        2>"$tmp/err" >/dev/null
    grep -o 'refs: *[0-9,]*' "$tmp/err" | tr -d ', ' | cut -d: -f2
}

printf '%-14s %14s\n' case instructions
for c in roofline question step plan mixed1 mixed8 mixed64 mixed256 plan_init plan_oss mixed8_oss mixed256_oss plan_init_oss inv_batch inv_chunk inv_tp inv_tput sweep estimate64 estimate4096 estimate65536 chart config find; do
    one=$(instructions 1 "$c")
    many=$(instructions $((n + 1)) "$c")
    printf '%-14s %14d\n' "$c" $(((many - one) / n))
done
