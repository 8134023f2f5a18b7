# Sourced by scripts/test-batch.sh and scripts/test-slurm.sh: the sgs binary (release,
# built if needed), a temporary folder, three tiny inputs and a tiny resumable training
# script (4 scales of at most 32x24, 4 channels: seconds per job).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build -c release --product sgs 2>&1 | tail -n 1 >&2
SGS="$(swift build -c release --show-bin-path)/sgs"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sgs-batch-test.XXXXXX")"

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# make_inputs ITERATIONS: $WORK/tiny.sgs and its inputs a.png, b.png, corrupt.png.
make_inputs() {
    (cd "$WORK" && "$SGS" -q -c 'seed 1; save (synth landscape size 32x24) "a.png"; save (synth blobs size 32x24) "b.png"')
    head -c 100 "$WORK/a.png" > "$WORK/corrupt.png"
    cat > "$WORK/tiny.sgs" <<SCRIPT
# args[0]: the training image; args[1]: the job's folder.
let out = args[1]
seed 1
set channels 4
set maxchannels 4
set iters $1
let photo = load args[0]
pyramid photo min 16 max 32
train into "{out}/model.sgm"
sample 2 into "{out}/sample_{i}.png"
score count 2
SCRIPT
}

# status_of DIR JOB: the "status" of DIR/JOB/run.json ("none" without one).
status_of() {
    [ -e "$1/$2/run.json" ] || { echo none; return; }
    sed -n 's/.*"status" : "\([a-z]*\)".*/\1/p' "$1/$2/run.json"
}

attempts_of() { sed -n 's/.*"attempts" : \([0-9]*\).*/\1/p' "$1/$2/run.json"; }

# trained DIR/JOB/model.sgm: "4 scales, 4 trained".
trained() { "$SGS" -c "print (load model \"$1\")" | grep -o '[0-9]* scales, [0-9]* trained'; }
