#!/usr/bin/env bash
# `roofmodel label` on a 100 MB kernel CSV, in every output format: wall
# time and peak memory (maximum resident set, from /usr/bin/time -v or, without
# it, bash's own `time` and no memory figure).  Never a pass/fail: it prints
# the figures next to the targets of issue 16 (<= 10 s, and peak memory
# <= 2 x the file size + 64 MB).
#   bash bench/label.sh [BUILD_DIR] [MEGABYTES]     (defaults: build, 100)
set -euo pipefail
build=${1:-build}
mb=${2:-100}
exe=$build/cli/roofmodel
[ -x "$exe" ] || { echo "label.sh: build $exe first (ninja -C $build)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csv=$tmp/kernels.csv

# Plain CSV rows like a profiler's: varied names, FLOPs, bytes and times.
# Deterministic, so runs compare.  awk writes ~100 MB in a few seconds.
awk -v want=$((mb * 1000 * 1000)) 'BEGIN {
    print "name,flops,bytes,seconds"
    split("q_proj k_proj v_proj o_proj gate_proj up_proj down_proj qk_matmul pv_matmul softmax rmsnorm", op, " ")
    size = 0; i = 0
    while (size < want) {
        f = (i % 97 + 1) * 1.0e9; b = (i % 89 + 1) * 1.0e7; s = (i % 83 + 1) * 1.0e-5
        line = sprintf("layer%d.%s,%.6g,%.6g,%.6g", int(i / 11), op[i % 11 + 1], f, b, s)
        print line
        size += length(line) + 1; i++
    }
}' >"$csv"
bytes=$(stat -c %s "$csv")
rows=$(($(wc -l <"$csv") - 1))
limit_kb=$((2 * bytes / 1024 + 64 * 1024))
echo "file: $bytes bytes, $rows kernels; target <= 10 s and <= $((limit_kb / 1024)) MB peak"
# Wall time, and CPU time (user + system): on a shared machine the CPU
# time is the steadier figure.
printf '%-6s %10s %10s %12s %14s\n' format seconds "cpu s" "peak MB" "output MB"
for fmt in text --json --csv; do
    args=(label --hw a6000 "$csv")
    [ "$fmt" = text ] || args+=("$fmt")
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$exe" "${args[@]}" >"$tmp/out" 2>"$tmp/time" \
            || { cat "$tmp/time" >&2; exit 1; }
        secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time" \
            | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
        cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$tmp/time" \
            | awk '{ s += $1 } END { printf "%.2f", s }')
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
        peak=$(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')
    else
        start=$(date +%s.%N)
        "$exe" "${args[@]}" >"$tmp/out"
        secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
        peak=- cpu=-
    fi
    out=$(awk -v b="$(stat -c %s "$tmp/out")" 'BEGIN { printf "%.0f", b / 1e6 }')
    printf '%-6s %10s %10s %12s %14s\n' "$fmt" "$secs" "$cpu" "$peak" "$out"
done
