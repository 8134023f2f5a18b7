// sgs-bench: the release-build benchmark behind scripts/bench.sh.
//
// Each section is a function returning measurements; a group of measurements is timed
// interleaved (Measurement.swift) together with an sgemm, because the machine is shared
// and only ratios taken within one run are comparable; the peak is the best sgemm of the
// run. Add a section by adding its measurements to a group here.
//
//   sgs-bench            readable table
//   sgs-bench --json     one JSON object
//   sgs-bench --explore  also the tuning comparisons of docs/performance.md (~1 minute more)
//   sgs-bench --cpu-time one thread, timed by its CPU time (robust on a busy machine)
//   sgs-bench --scales   also seconds per iteration at every scale of the colusseum pyramid
//                        (~2-3 minutes more; SGS_BENCH_IMAGE overrides the image)
//   sgs-bench --no-iteration  skip the full training iteration (~15 s)
//   sgs-bench --no-pnn   skip the PNN samples (pnn_seconds_250 and _500, ~15 s)
//   sgs-bench --pnn-only only the PNN samples
//   sgs-bench --winograd direct vs Winograd F(2x2)/F(4x4) at the pyramid's sizes (~1 minute more)
//   sgs-bench --memory   also the peak memory of a 128-channel iteration at 188x250 (~1 minute)
//   sgs-bench --layers   also each kernel's seconds at every layer shape of the iteration (32, 128 ch)
//   sgs-bench --only-iteration  nothing but the training iteration (to profile it)
//   SGS_CONV=direct      the direct (im2col + GEMM) kernels everywhere
import Foundation
import Glibc
import Tensor

let arguments = Set(CommandLine.arguments.dropFirst())
if arguments.contains("--cpu-time") {
    Threads.set(1)
    timingClock = CLOCK_THREAD_CPUTIME_ID
}
KernelFamily.captureDefaults()
var results = BenchResults()
results.add("threads", Double(Threads.count), label: "threads")
results.add("load_start", loadAverage(), label: "load average at start (1 min)")

let pnnImage = ProcessInfo.processInfo.environment["SGS_BENCH_IMAGE"] ?? "../shared/images/Images/colusseum.png"
if arguments.contains("--pnn-only") {
    pnnSection(into: &results, image: pnnImage)
    print(arguments.contains("--json") ? results.json() : results.table())
    exit(0)
}

// --only-iteration: just the training iteration (for profiling it with perf).
if !arguments.contains("--only-iteration") {
    var core = [sgemmMeasurement(key: "sgemm_core_gflops")]
    core += convMeasurements(prefix: "conv", label: "conv 32->32 3x3 188x250",
                             shape: ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 32, kernel: 3))
    core += convMeasurements(prefix: "conv_small", label: "conv 32->32 3x3 26x34",
                             shape: ConvShape(batch: 1, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3))
    core += familyMeasurements(prefix: "conv", label: "conv 32->32 3x3 188x250",
                               shape: ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 32, kernel: 3),
                               family: .direct)
    core += familyMeasurements(prefix: "conv_small", label: "conv 32->32 3x3 26x34",
                               shape: ConvShape(batch: 1, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3),
                               family: .direct)
    results.addGroup(core, seconds: 15)
    winogradErrorSection(into: &results)
    if arguments.contains("--winograd") {
        winogradSizesSection(into: &results, seconds: 3)
    }
}
if arguments.contains("--layers") {
    layersSection(into: &results, channels: 32, seconds: 2)
    layersSection(into: &results, channels: 128, seconds: 4)
}
if arguments.contains("--explore") {
    exploreSection(into: &results, seconds: 20)
}
if !arguments.contains("--no-iteration") {
    iterationSection(into: &results)
}
if !arguments.contains("--no-pnn") && !arguments.contains("--only-iteration") {
    pnnSection(into: &results, image: pnnImage)
}
results.addGroup([sgemmMeasurement(key: "sgemm_end_gflops")], seconds: 2)
results.addPercentages()
results.add("load_end", loadAverage(), label: "load average at end (1 min)")
if arguments.contains("--scales") {
    scalesSection(into: &results, image: ProcessInfo.processInfo.environment["SGS_BENCH_IMAGE"]
                  ?? "../shared/images/Images/colusseum.png")
}
if arguments.contains("--memory") {
    memorySection(into: &results)
}
results.add("peak_rss_mb", peakResidentMB(), label: "peak resident memory of the run (VmHWM)", unit: "MB")

if arguments.contains("--json") {
    print(results.json())
} else {
    print(results.table())
    let load = max(results["load_start"] ?? 0, results["load_end"] ?? 0)
    if load > Double(Threads.defaultCount) * 0.75 && !arguments.contains("--cpu-time") {
        print("# warning: load average \(String(format: "%.1f", load)) on \(Threads.defaultCount) cores: other processes took turns "
              + "on our cores, so the wall-clock ratios are unreliable; compare --cpu-time figures instead")
    }
}
