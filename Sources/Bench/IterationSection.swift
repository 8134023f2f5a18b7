import CBLAS
import Foundation
import Glibc
import Imaging
import SinGAN
import Tensor

// The SinGAN training sections: one full iteration at 188x250 with 32 channels (the figure
// the targets are set on), and seconds per iteration at every scale of the colusseum pyramid.
// An iteration takes seconds, far longer than any sgemm call, so sgemm is sampled between
// iterations (`sgemm_iter_gflops`) and the percentage uses the best sgemm of the run so far.

/// Convolution FLOPs of one training iteration, counted analytically as
/// 2 * N * Cout * Cin * kh * kw * outH * outW per convolution-shaped product, with exactly
/// the products the engine runs (needed-input pruning included):
/// - per D step: the frozen coarser generators' forward passes (scales above k), G's forward
///   for the fake, D forward on real, fake and the interpolate, D's input gradients of the
///   penalty (all layers), then the loss backward: on real and fake every layer's weight
///   gradient and every input gradient but the first layer's; on the interpolate's forward
///   nodes the same; on the penalty's input-gradient nodes both operands' gradients (a
///   convolution and a weight gradient), but only the weight gradient for the last layer,
///   whose incoming gradient is a constant;
/// - per G step: G forward twice (fake and reconstruction), D forward on the fake, D's input
///   gradients through every layer, and G's weight gradients and input gradients (all but
///   the first layer) for both passes.
/// Bias gradients, BatchNorm and element-wise work are not counted.
func iterationGflop(model: Model, scale k: Int) -> Double {
    let s = model.settings
    func layerFlops(height: Int, width: Int, width c: Int, outChannels: Int) -> [Double] {
        (0..<s.layers).map { l -> Double in
            let cin = l == 0 ? 3 : c, cout = l == s.layers - 1 ? outChannels : c
            let shrink = (s.kernel - 1) * (l + 1)
            return 2 * Double(cout * cin * s.kernel * s.kernel * (height - shrink) * (width - shrink))
        }
    }
    let real = model.scales[k].real
    let width = s.channels(atStep: model.coarsest - k), pad = 2 * s.padding
    let d = layerFlops(height: real.h, width: real.w, width: width, outChannels: 1)
    let g = layerFlops(height: real.h + pad, width: real.w + pad, width: width, outChannels: 3)
    let dF = d.reduce(0, +), gF = g.reduce(0, +)
    var coarser = 0.0
    for j in stride(from: model.coarsest, to: k, by: -1) {
        let r = model.scales[j].real
        coarser += layerFlops(height: r.h + pad, width: r.w + pad, width: s.channels(atStep: model.coarsest - j),
                              outChannels: 3).reduce(0, +)
    }
    let firstOrderD = 2 * dF - d[0]                   // weight grads + input grads but the first
    let dStep = coarser + gF + 3 * dF + dF            // forwards + penalty's input gradients
        + 2 * firstOrderD + firstOrderD               // backward on real, fake, interpolate
        + (2 * dF - d[s.layers - 1])                  // backward through the penalty's gradient ops
    let gStep = 2 * gF + dF + dF + 2 * (2 * gF - g[0])
    return (Double(s.dSteps) * dStep + Double(s.gSteps) * gStep) / 1e9
}

/// Trains the coarser scales of `model` with one iteration each, so scale `k` can be timed.
private func prepare(_ model: Model, downTo k: Int, using rng: inout RandomSource) {
    var trainer = Trainer(model: model)
    trainer.progress = { _ in }
    if k < model.coarsest { _ = try! trainer.train(downTo: k + 1, iterations: 1, using: &rng) }
}

/// Seconds of each of `count` iterations at scale `k`; `between` runs after each (untimed).
private func timeIterations(_ model: Model, scale k: Int, count: Int, using rng: inout RandomSource,
                            between: @escaping () -> Void = {}) -> [Double] {
    var trainer = Trainer(model: model)
    var times: [Double] = []
    var last = now()
    trainer.progress = { _ in
        times.append(now() - last)
        between()
        last = now()
    }
    _ = trainer.trainScale(k, iterations: count, using: &rng)
    return times
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Best sgemm 2048^3 GFLOP/s over `reps` calls (the same peak as the core group's).
func sgemmPeakGflops(size n: Int = 2048, reps: Int = 3) -> Double {
    let a = BenchBuffer(n * n, seed: 1), b = BenchBuffer(n * n, seed: 2), c = BenchBuffer(n * n, seed: 3)
    let t = withBLASThreads {
        bestTime(warmup: 1, minReps: reps, maxReps: reps, minSeconds: 0) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                        1, a.pointer, Int32(n), b.pointer, Int32(n), 0, c.pointer, Int32(n))
        }
    }
    letBLASThreadsSleep()
    return 2 * Double(n * n * n) / t / 1e9
}

/// One full iteration at 188x250, 32 channels: a random 250x188 image, two scales (scale 0 is
/// 188x250). Iterations alternate between the default kernels (Winograd) and the direct ones,
/// so both see the same load; each figure is the median of `timed` after one warm-up each,
/// with the sgemm peak sampled between them.
func iterationSection(into results: inout BenchResults, timed: Int = 3) {
    var rng = RandomSource(seed: 7)
    let pixels = (0..<(3 * 188 * 250)).map { _ in rng.uniform() * 2 - 1 }
    var s = Settings()
    s.scales = 2
    s.channels = 32
    s.maxChannels = 32
    let model = try! Model(image: Image(width: 250, height: 188, pixels: pixels), name: "random", settings: s, seed: 7)
    prepare(model, downTo: 0, using: &rng)
    var sampled = sgemmPeakGflops()
    let winograd = ConvTuning.winograd
    // SGS_BENCH_FIXED_KERNELS=1 keeps the default kernels throughout (profiling one family).
    let alternate = ProcessInfo.processInfo.environment["SGS_BENCH_FIXED_KERNELS"] == nil
    let times = timeIterations(model, scale: 0, count: 2 * (timed + 1), using: &rng) {
        if alternate { ConvTuning.winograd.toggle() }
        sampled = max(sampled, sgemmPeakGflops(reps: 2))
    }
    ConvTuning.winograd = winograd
    let byFamily = [0, 1].map { parity in times.enumerated().filter { $0.offset % 2 == parity }.map(\.element) }
    let seconds = median(Array(byFamily[0].dropFirst()))
    let direct = median(Array(byFamily[1].dropFirst()))
    let gflop = iterationGflop(model: model, scale: 0)
    let earlier = results.entries.filter { $0.key.contains("sgemm") && $0.key.hasSuffix("_gflops") }.compactMap(\.value)
    let peak = max(sampled, earlier.max() ?? 0)
    results.add("iter_seconds", seconds, label: "SinGAN iteration 188x250 32ch (median of \(timed))", unit: "s")
    results.add("iter_seconds_direct", direct, label: "  the same with the direct kernels (interleaved)", unit: "s")
    results.add("iter_gflop", gflop, label: "SinGAN iteration conv work (direct form)", unit: "GFLOP")
    results.add("sgemm_iter_gflops", sampled, label: "sgemm 2048^3 between iterations (best)", unit: "GFLOP/s")
    results.add("iter_gflops", gflop / seconds, label: "SinGAN iteration rate (direct-form FLOPs)", unit: "GFLOP/s")
    results.add("iter_pct_of_peak", 100 * gflop / seconds / peak, label: "SinGAN iteration % of best sgemm so far", unit: "%")
}

/// Peak resident memory of this process so far (VmHWM), in MB.
func peakResidentMB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
    return kb / 1024
}

/// Seconds per iteration at every scale of the colusseum pyramid with paper defaults
/// (widths 32/64/128) and with 32 channels everywhere, the total implied for 2000 iterations
/// per scale, and the peak resident memory.
func scalesSection(into results: inout BenchResults, image path: String) {
    guard let image = try? readPNG(path).image else {
        results.add("scales_skipped", nil, label: "per-scale section: cannot read \(path)")
        return
    }
    for (name, channelsCap) in [("paper", nil as Int?), ("32ch", 32)] {
        var s = Settings()
        if let cap = channelsCap { s.maxChannels = cap }
        var rng = RandomSource(seed: 11)
        guard let model = try? Model(image: image, name: "colusseum", settings: s, seed: 11) else {
            results.add("scales_skipped", nil, label: "per-scale section: \(path) is too small for a pyramid")
            return
        }
        var total = 0.0
        for k in stride(from: model.coarsest, through: 0, by: -1) {
            // 1 warm-up + 2 timed; at 128 channels (tens of seconds an iteration, where
            // warm-up effects are negligible) a single timed iteration.
            let width = s.channels(atStep: model.coarsest - k)
            let times = timeIterations(model, scale: k, count: width >= 128 ? 1 : 3, using: &rng)
            let t = median(width >= 128 ? times : Array(times.dropFirst()))
            total += t * Double(s.iterations)
            let r = model.scales[k].real
            results.add("scale_\(name)_\(k)_seconds", t, label: "\(name) scale \(k) \(r.w)x\(r.h) \(width)ch per iteration", unit: "s")
        }
        results.add("scales_\(name)_total_hours", total / 3600,
                    label: "\(name): total for \(s.iterations) iterations per scale", unit: "h")
    }
}


/// `--memory`: the peak resident memory of training the finest scale of a 250x188 image at
/// the reference's widest layers (128 channels, as the two finest colusseum scales with the
/// paper widths), one iteration after a 128-channel coarser scale; this is the peak of a whole
/// paper-width training, which `--scales` measures too (after much longer).
func memorySection(into results: inout BenchResults) {
    var rng = RandomSource(seed: 5)
    let pixels = (0..<(3 * 188 * 250)).map { _ in rng.uniform() * 2 - 1 }
    var s = Settings()
    s.scales = 2
    s.channels = 128
    s.maxChannels = 128
    let model = try! Model(image: Image(width: 250, height: 188, pixels: pixels), name: "random", settings: s, seed: 5)
    prepare(model, downTo: 0, using: &rng)
    let seconds = timeIterations(model, scale: 0, count: 1, using: &rng)
    results.add("memory_iter_seconds", seconds.first, label: "128-channel iteration at 188x250", unit: "s")
    results.add("memory_peak_rss_mb", peakResidentMB(), label: "peak resident memory after it (VmHWM)", unit: "MB")
}
