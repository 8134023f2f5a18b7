#!/usr/bin/env bash
# Builds the release benchmark and runs it. Arguments go to sgs-bench:
#   scripts/bench.sh             readable table (about 35 s, with one SinGAN iteration)
#   scripts/bench.sh --json      one JSON object on stdout
#   scripts/bench.sh --explore   also the tuning comparisons behind docs/performance.md
#   scripts/bench.sh --scales    also seconds per iteration at every colusseum scale (~3 min)
#   scripts/bench.sh --pnn-only  only the PNN sample times (pnn_seconds_250, pnn_seconds_500)
#   scripts/bench.sh --winograd  also direct vs Winograd F(2x2)/F(4x4) at the pyramid's sizes
#   scripts/bench.sh --memory    also the peak memory of a 128-channel iteration at 188x250
#   scripts/bench.sh --cpu-time --only-iteration   one thread, CPU time, just the iteration
#                                (compare with scripts/torch_iteration.py --threads 1 --cpu-time)
# The machine may be shared: compare the % of sgemm peak figures, which are measured
# interleaved with the sgemm peak in the same run, not absolute GFLOP/s across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sgs-bench >&2
bin="$(swift build -c release --show-bin-path)/sgs-bench"
# The kernels' vector loads must be inlined; when a caller's inlining budget runs out they
# become calls and the kernels run 2-3x slower (docs/performance.md). Say so loudly.
# VectorKernels' generic bodies (unspecialised symbols, never called: only their
# specialisations, suffixed Tg5, run) are the one place such calls are expected.
calls_out_of_line() {
    objdump -d --no-show-raw-insn "$bin" | awk '
        /^[0-9a-f]+ <.*>:$/ { generic = ($0 ~ /VectorKernels/ && $0 !~ /Tg5/) }
        /call.*loadUnaligned/ && !generic { found = 1 }
        END { exit !found }'
}
if command -v objdump >/dev/null && calls_out_of_line; then
    echo "# warning: the release build calls loadUnaligned out of line; a kernel lost its inlining" >&2
fi
exec "$bin" "$@"
