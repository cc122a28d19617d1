#!/usr/bin/env bash
# Cross-validation of the fitted profiles: for each device and each measured model, fit
# on the other models' kernels and score the held-out model's (roofmodel calibrate, then
# calibrate --score).  Prints one line per device x held-out model and the pooled errors
# of every held-out kernel.  usage: tools/cross_validate.sh ROOFMODEL MEASUREMENTS_DIR
set -euo pipefail
exe=$(realpath "$1"); data=$(realpath "$2"); here=$(dirname "$0")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
declare -A HW=([a100]=a100-80gb-pcie [h100]=h100-sxm [a40]=$data/a40.json)
models=$(tail -n +2 "$data/models.csv" | cut -d, -f1)
for dev in a100 h100 a40; do
    for m in $models; do
        python3 "$here/calibration_samples.py" kernels "$data" "$exe" --device "$dev" \
            --hw "a40=${HW[a40]}" --exclude-model "$m" --exclude-model attention > "$tmp/train.csv"
        python3 "$here/calibration_samples.py" kernels "$data" "$exe" --device "$dev" \
            --hw "a40=${HW[a40]}" --only-model "$m" --exclude-model attention > "$tmp/test.csv"
        [ "$(wc -l < "$tmp/test.csv")" -gt 1 ] || continue
        "$exe" calibrate --hw "${HW[$dev]}" "$tmp/train.csv" -o "$tmp/p.json" > /dev/null
        "$exe" calibrate --hw "${HW[$dev]}" "$tmp/test.csv" --score "$tmp/p.json" \
            | head -1 | sed "s|^|$dev held out $m: |"
    done
done
