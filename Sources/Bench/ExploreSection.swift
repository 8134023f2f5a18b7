import Tensor

/// The design alternatives behind the defaults (docs/performance.md), each timed in one
/// interleaved group with an sgemm: column layout, whole-image GEMM versus
/// tiles, tile sizes; then the first/last-layer and wider shapes with the defaults.
func exploreSection(into results: inout BenchResults, seconds: Double) {
    let defaults = (ConvTuning.columnBlockBytes, ConvTuning.tiled, ConvTuning.layout, ConvTuning.gemmColumns)
    let restore = { (ConvTuning.columnBlockBytes, ConvTuning.tiled, ConvTuning.layout, ConvTuning.gemmColumns) = defaults }
    var variants: [(key: String, label: String, setup: () -> Void)] = [
        ("default", "defaults", {}),
        ("untiled", "whole image, OpenBLAS threads", { ConvTuning.tiled = false; ConvTuning.layout = .fullColumns }),
        ("untiled_rows", "whole image, kernel-row layout", { ConvTuning.tiled = false }),
        ("fullcols", "full im2col tiles", { ConvTuning.layout = .fullColumns }),
        ("tilegemm", "one GEMM per tile", { ConvTuning.gemmColumns = 1 << 30 }),
        ("tilegemm128k", "one GEMM per 128 KiB tile", { ConvTuning.gemmColumns = 1 << 30; ConvTuning.columnBlockBytes = 128 << 10 }),
        ("gemm1024", "GEMMs of 1024 columns", { ConvTuning.gemmColumns = 1024 }),
    ]
    for kib in [256, 1536] {
        variants.append(("tile\(kib)k", "tiles of \(kib) KiB", { ConvTuning.columnBlockBytes = kib << 10 }))
    }
    for (size, h, w) in [("188x250", 188, 250), ("26x34", 26, 34)] {
        let shape = ConvShape(batch: 1, inChannels: 32, height: h, width: w, outChannels: 32, kernel: 3)
        var group = [sgemmMeasurement(key: "explore_\(size)_sgemm_gflops")]
        for v in variants {
            group += convMeasurements(prefix: "explore_\(size)_\(v.key)", label: "\(size) \(v.label)",
                                      shape: shape, setup: v.setup, teardown: restore)
        }
        results.addGroup(group, seconds: seconds)
    }

    var shapes = [sgemmMeasurement(key: "shapes_sgemm_gflops")]
    let others: [(String, ConvShape)] = [
        ("first", ConvShape(batch: 1, inChannels: 3, height: 188, width: 250, outChannels: 32, kernel: 3)),
        ("last3", ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 3, kernel: 3)),
        ("last1", ConvShape(batch: 1, inChannels: 32, height: 188, width: 250, outChannels: 1, kernel: 3)),
        ("c64", ConvShape(batch: 1, inChannels: 64, height: 188, width: 250, outChannels: 64, kernel: 3)),
        ("c128", ConvShape(batch: 1, inChannels: 128, height: 188, width: 250, outChannels: 128, kernel: 3)),
        ("batch3", ConvShape(batch: 3, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3)),
    ]
    for (key, shape) in others {
        let label = "\(shape.inChannels)->\(shape.outChannels) n\(shape.batch) \(shape.height)x\(shape.width)"
        shapes += convMeasurements(prefix: key, label: label, shape: shape)
        shapes += convMeasurements(prefix: key + "_full", label: label + " full im2col", shape: shape,
                                   setup: { ConvTuning.layout = .fullColumns }, teardown: restore)
    }
    results.addGroup(shapes, seconds: seconds)
}
