#!/usr/bin/env bash
# Quality against time: trains each recipe and the workshop preset on several images of
# ../shared/images at workshop size (max side 128), scores 20 samples of each model with
# `score count 20`, and prints one table (image, recipe, wall seconds, CPU seconds of the
# run = user + sys, MS-SWD, diversity, reconstruction RMSE, the 1-minute load average at
# the start and the end), or JSON with --json.
#
#   scripts/bench-quality.sh                 4 images x 3 configurations (under an hour on 2 idle cores)
#   scripts/bench-quality.sh --json          the same as one JSON array
#   scripts/bench-quality.sh --images "balloons birds" --configs "workshop"   a subset
#
# Configurations (name: the settings lines the run starts with):
#   singan      the SinGAN recipe at workshop size: 32 channels, 6 scales, $SINGAN_ITERS
#               iterations per scale (default 250, about 4.5 idle minutes per image, so the
#               benchmark stays under an hour; stdlib/examples/workshop.sgs uses 1000, ~18 min)
#   consingan   ConSinGAN's defaults at workshop size (64 channels, 6 stages), 100 iterations
#               (about 5 idle minutes per image)
#   workshop    `preset workshop` (docs/consingan.md), about 3 idle minutes per image
#   semantic    `train labels` (docs/semantic.md) on the image's 6-colour label map, SinGAN's
#               numbers as `singan`; also prints the layout fidelity of a translation of the
#               map (the last column; - for the other configurations). Not in the default set.
# Every run uses seed 1 and the machine's cores. The machine may be shared: the CPU
# seconds and the load averages beside the wall time say how much of it the run had.
set -euo pipefail
cd "$(dirname "$0")/.."

json=0
images="balloons birds mountains3 starry_night"
configs="singan consingan workshop"
folder="../shared/images/Images"
[ -d "$folder" ] || folder="../../shared/images/Images"   # from a worktree under wt/
while [ $# -gt 0 ]; do
    case "$1" in
        --json) json=1 ;;
        --images) images="$2"; shift ;;
        --configs) configs="$2"; shift ;;
        --folder) folder="$2"; shift ;;
        *) echo "usage: $0 [--json] [--images \"a b\"] [--configs \"singan consingan workshop semantic\"] [--folder DIR]" >&2; exit 64 ;;
    esac
    shift
done

folder="$(cd "$folder" && pwd)"   # scripts resolve relative names against their own folder
swift build -c release --product sgs >&2
sgs="$(swift build -c release --show-bin-path)/sgs"
work="$(mktemp -d "${TMPDIR:-/tmp}/sgs-bench-quality.XXXXXX")"
trap 'rm -rf "$work"' EXIT

settings_for() {
    case "$1" in
        singan|semantic) printf 'set max 128\nset channels 32\nset maxchannels 32\nset iters %s\n' "${SINGAN_ITERS:-250}" ;;
        consingan) printf 'recipe consingan\nset max 128\nset iters 100\n' ;;
        workshop) printf 'preset workshop\n' ;;
        *) echo "unknown configuration '$1'" >&2; exit 64 ;;
    esac
}

rows=()
for image in $images; do
    for config in $configs; do
        script="$work/$image-$config.sgs"
        { echo "seed 1"; settings_for "$config"
          if [ "$config" = semantic ]; then
              echo "let photo = (load \"$folder/$image.png\")"; echo "let map = (labels photo colors 6)"
              echo "pyramid photo"; echo "train labels map"; echo 'let f = fidelity((translate map), map)'; echo 'print "fidelity {f}"'
          else
              echo "pyramid (load \"$folder/$image.png\")"; echo "train"
          fi
          echo "score count 20"; } > "$script"
        load=$(cut -d' ' -f1 /proc/loadavg)
        start=$(date +%s.%N)
        # bash's `time` gives the child's user and sys CPU seconds (no external tool needed).
        cpu=$( { TIMEFORMAT='%U %S'; time "$sgs" -q "$script" > "$work/out" 2>&1; } 2>&1 ) \
            || { echo "$image $config failed: $(cat "$work/out")" >&2; exit 1; }
        seconds=$(echo "$(date +%s.%N) - $start" | bc)
        cpu=$(echo "$cpu" | tail -1 | awk '{ printf "%.0f", $1 + $2 }')
        load_end=$(cut -d' ' -f1 /proc/loadavg)
        out=$(cat "$work/out")
        score=$(echo "$out" | grep '^SWD ' | tail -1)
        swd=$(echo "$score" | sed -E 's/^SWD ([0-9.e-]+).*/\1/')
        diversity=$(echo "$score" | sed -E 's/.*diversity ([0-9.e-]+).*/\1/')
        rmse=$(echo "$score" | sed -E 's/.*reconstruction RMSE ([0-9.e-]+).*/\1/')
        fidelity=$(echo "$out" | grep '^fidelity ' | tail -1 | cut -d' ' -f2 || true)
        rows+=("$image $config $(printf '%.0f' "$seconds") $cpu $swd $diversity $rmse $load $load_end ${fidelity:--}")
        [ $json = 1 ] || echo "done: $image $config ${seconds%.*} s wall, $cpu s CPU" >&2
    done
done

if [ $json = 1 ]; then
    printf '['
    sep=""
    for row in "${rows[@]}"; do
        set -- $row
        fidelity="${10}"; [ "$fidelity" = - ] && fidelity=null
        printf '%s\n  {"image": "%s", "recipe": "%s", "seconds": %s, "cpu_seconds": %s, "ms_swd": %s, "diversity": %s, "reconstruction_rmse": %s, "load": %s, "load_end": %s, "fidelity": %s}' \
            "$sep" "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "$fidelity"
        sep=","
    done
    printf '\n]\n'
else
    printf '%-14s %-10s %8s %8s %8s %10s %8s %11s %8s\n' image recipe seconds CPU-s MS-SWD diversity RMSE load fidelity
    for row in "${rows[@]}"; do
        set -- $row
        printf '%-14s %-10s %8s %8s %8s %10s %8s %11s %8.6s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8-$9" "${10}"
    done
fi
