#!/usr/bin/env bash
# A small, rough comparison of the training switches (docs/singan.md, "A small
# comparison"): one SinGAN run per line on one image at max side 64, 16 channels, 300
# iterations per scale, seed 1, each timed (wall and CPU seconds) and scored with
# `score count 12`. About 20 minutes on an idle 2-core machine. Prints a Markdown table.
#   scripts/compare-switches.sh [IMAGE.png]      (default ../shared/images/Images/balloons.png)
set -euo pipefail
cd "$(dirname "$0")/.."
image=$(realpath "${1:-../shared/images/Images/balloons.png}")
swift build -c release --product sgs >&2
sgs="$(swift build -c release --show-bin-path)/sgs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {
    local name=$1; shift
    { echo "seed 1"; echo "set max 64"; echo "set channels 16"; echo "set maxchannels 16"; echo "set iters 300"
      for s in "$@"; do echo "set $s"; done
      echo "let photo = load \"$image\""; echo "pyramid photo"; echo "train"; echo "score count 12"; } > "$work/$name.sgs"
    local TIMEFORMAT='%R %U %S' times
    times=$( { time nice "$sgs" "$work/$name.sgs" > "$work/$name.log" 2>&1; } 2>&1 )
    read -r wall user sys <<< "$times"
    local score
    score=$(grep -o 'SWD [0-9.]*\|diversity [0-9.]*\|RMSE [0-9.]*' "$work/$name.log" | awk '{print $2}' | paste -sd'|' -)
    printf '| %s | %.0f | %.0f | %s |\n' "${*:-(all off)}" "$wall" "$(echo "$user + $sys" | bc)" "$score"
}

echo "| switches | wall s | CPU s | MS-SWD | diversity | rec. RMSE |"
echo "|---|---|---|---|---|---|"
run off
run fade "fade 100"
run pixel "norm pixel"
run eqlr "eqlr true"
run batch4 "batch 4"
run mbstd "batch 4" "mbstd true"
run dscales "dscales 2"
run fm "fm 10"
run lsgan "loss lsgan"
