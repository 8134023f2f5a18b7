// sgs-bench: the release-build benchmark behind scripts/bench.sh.
//
// Each section is a function returning measurements; a group of measurements is timed
// interleaved (Measurement.swift) together with its own sgemm peak, because the machine
// is shared and only ratios taken within one group are comparable. Add a section by
// adding its measurements to a group here.
//
//   sgs-bench            readable table
//   sgs-bench --json     one JSON object
//   sgs-bench --explore  also the tuning comparisons of docs/performance.md (~1 minute more)
//   sgs-bench --scales   also seconds per iteration at every scale of the colusseum pyramid
//                        (~2-3 minutes more; SGS_BENCH_IMAGE overrides the image)
//   sgs-bench --no-iteration  skip the full training iteration (~15 s)
import Foundation
import Tensor

let arguments = Set(CommandLine.arguments.dropFirst())
var results = BenchResults()
results.add("threads", Double(Threads.count), label: "threads")
results.add("load_start", loadAverage(), label: "load average at start (1 min)")

var core = [sgemmMeasurement()]
core += convMeasurements(prefix: "conv", label: "conv 32->32 3x3 188x250",
                         shape: ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 32, kernel: 3))
core += convMeasurements(prefix: "conv_small", label: "conv 32->32 3x3 26x34",
                         shape: ConvShape(batch: 1, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3))
results.addGroup(core, seconds: 15, peakKey: "sgemm_gflops")

if arguments.contains("--explore") {
    exploreSection(into: &results, seconds: 20)
}
results.add("load_end", loadAverage(), label: "load average at end (1 min)")
if !arguments.contains("--no-iteration") {
    iterationSection(into: &results)
}
if arguments.contains("--scales") {
    scalesSection(into: &results, image: ProcessInfo.processInfo.environment["SGS_BENCH_IMAGE"]
                  ?? "/work/shared/images/Images/colusseum.png")
}

print(arguments.contains("--json") ? results.json() : results.table())
