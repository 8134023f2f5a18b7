import Tensor

// The Winograd kernels against the direct ones: accuracy on random data, and speed at every
// pyramid size, each size one interleaved group (direct, F(2x2), F(4x4), sgemm).

/// A conv-kernel variant: how to switch it on for one call.
struct KernelFamily: Sendable {
    let key: String
    let label: String
    let setup: @Sendable () -> Void

    /// The settings the process started with (set by `captureDefaults`, before any variant ran).
    // nonisolated(unsafe): the benchmark runs on the main thread alone (its kernels' workers
    // never read this).
    nonisolated(unsafe) static var defaults = current
    static var current: (Bool, WinogradTile, Int, Int) {
        (ConvTuning.winograd, ConvTuning.winogradTile, ConvTuning.winogradBlockBytes, ConvTuning.winogradMinPixels)
    }
    static func captureDefaults() { defaults = current }
    static func restore() {
        (ConvTuning.winograd, ConvTuning.winogradTile, ConvTuning.winogradBlockBytes, ConvTuning.winogradMinPixels) = defaults
    }

    static let direct = KernelFamily(key: "direct", label: "direct") { ConvTuning.winograd = false }
    /// Winograd forced on at any size (the default policy leaves small outputs direct).
    static let f2x2 = KernelFamily(key: "wino2", label: "Winograd F(2x2,3x3)") {
        ConvTuning.winograd = true; ConvTuning.winogradTile = .f2x2; ConvTuning.winogradMinPixels = 1
    }
    static let f4x4 = KernelFamily(key: "wino4", label: "Winograd F(4x4,3x3)") {
        ConvTuning.winograd = true; ConvTuning.winogradTile = .f4x4; ConvTuning.winogradMinPixels = 1
    }
}

/// The three kernels of `family` on `shape`, keys `<prefix>_<family>_{fwd,dgrad,wgrad}_gflops`
/// (GFLOP/s counted as the direct form's work, so the figures compare as speeds).
func familyMeasurements(prefix: String, label: String, shape: ConvShape, family: KernelFamily) -> [Measurement] {
    convMeasurements(prefix: "\(prefix)_\(family.key)", label: "\(label) \(family.label)", shape: shape,
                     setup: family.setup, teardown: KernelFamily.restore)
}

/// Worst relative error (largest difference / largest direct magnitude) of forward, input
/// and weight gradient against the direct kernels, on uniform [-1, 1) data, for each tile
/// size; `winograd_max_rel_error` is the default tile's.
func winogradErrorSection(into results: inout BenchResults) {
    let shapes = [ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 32, kernel: 3),
                  ConvShape(batch: 1, inChannels: 64, height: 94, width: 125, outChannels: 64, kernel: 3),
                  ConvShape(batch: 1, inChannels: 128, height: 62, width: 82, outChannels: 128, kernel: 3)]
    var worst: [WinogradTile: Float] = [:]
    for shape in shapes {
        let kernels = ConvBenchKernels(shape)
        KernelFamily.direct.setup()
        let direct = (0..<3).map { kernels.runCopying($0) }
        for (tile, family) in [(WinogradTile.f2x2, KernelFamily.f2x2), (.f4x4, .f4x4)] {
            family.setup()
            for kind in 0..<3 {
                worst[tile] = max(worst[tile] ?? 0, WinogradError.relative(kernels.runCopying(kind), direct[kind]))
            }
        }
        KernelFamily.restore()
    }
    results.add("winograd_max_rel_error", Double(worst[ConvTuning.winogradTile] ?? .nan),
                label: "Winograd (\(ConvTuning.winogradTile)) worst relative error vs direct")
    results.add("winograd_f2x2_max_rel_error", Double(worst[.f2x2] ?? .nan), label: "  F(2x2,3x3)")
    results.add("winograd_f4x4_max_rel_error", Double(worst[.f4x4] ?? .nan), label: "  F(4x4,3x3)")
}

/// `--winograd`: direct, F(2x2) and F(4x4) at the colusseum pyramid's sizes (32 channels) and
/// at the 64- and 128-channel sizes of the paper widths.
func winogradSizesSection(into results: inout BenchResults, seconds: Double) {
    let sizes: [(Int, Int, Int)] = [(26, 34, 32), (49, 66, 32), (94, 125, 32), (151, 200, 32), (188, 250, 32),
                                    (94, 125, 64), (188, 250, 64), (151, 200, 128)]
    let shape = ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 32, kernel: 3)
    var bands = [sgemmMeasurement(key: "bands_sgemm_gflops")]
    for kib in [768, 2048, 4096, 8192] {
        let family = KernelFamily(key: "band\(kib)k", label: "F(4x4) bands of \(kib) KiB") {
            ConvTuning.winograd = true; ConvTuning.winogradTile = .f4x4; ConvTuning.winogradBlockBytes = kib << 10
        }
        bands += familyMeasurements(prefix: "bands", label: "32->32 188x250", shape: shape, family: family)
    }
    results.addGroup(bands, seconds: seconds)
    for (h, w, c) in sizes {
        let shape = ConvShape(batch: 1, inChannels: c, height: h, width: w, outChannels: c, kernel: 3)
        let prefix = "sizes_\(h)x\(w)_c\(c)"
        var group = [sgemmMeasurement(key: "\(prefix)_sgemm_gflops")]
        for family in [KernelFamily.direct, .f2x2, .f4x4] {
            group += familyMeasurements(prefix: prefix, label: "\(c)->\(c) \(h)x\(w)", shape: shape, family: family)
        }
        results.addGroup(group, seconds: seconds)
    }
}
