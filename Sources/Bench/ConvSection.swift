import Tensor

/// Forward, input-gradient and weight-gradient measurements of one convolution shape:
/// keys `<prefix>_fwd_gflops`, `<prefix>_dgrad_gflops`, `<prefix>_wgrad_gflops`.
/// `setup` runs before each call (a tuning variant) and `teardown` after it.
func convMeasurements(prefix: String, label: String, shape: ConvShape,
                      setup: @escaping () -> Void = {}, teardown: @escaping () -> Void = {}) -> [Measurement] {
    let kernels = ConvBenchKernels(shape)
    return ConvBenchKernels.kinds.enumerated().map { kind, names in
        Measurement(key: "\(prefix)_\(names.key)_gflops", label: "\(label) \(names.name)",
                    report: .gflops(shape.flops)) {
            setup()
            kernels.run(kind)
            teardown()
        }
    }
}

/// The three kernels of one shape on fixed pseudo-random data.
final class ConvBenchKernels {
    static let kinds = [(key: "fwd", name: "forward"), (key: "dgrad", name: "input gradient"),
                        (key: "wgrad", name: "weight gradient")]
    let shape: ConvShape
    let x, w, b, y, dy, dx, dw, db: BenchBuffer

    init(_ shape: ConvShape) {
        self.shape = shape
        x = BenchBuffer(shape.inputCount, seed: 11)
        w = BenchBuffer(shape.weightCount, seed: 12)
        b = BenchBuffer(shape.outChannels, seed: 13)
        y = BenchBuffer(shape.outputCount, seed: 14)
        dy = BenchBuffer(shape.outputCount, seed: 15)
        dx = BenchBuffer(shape.inputCount, seed: 16)
        dw = BenchBuffer(shape.weightCount, seed: 17)
        db = BenchBuffer(shape.outChannels, seed: 18)
    }

    /// 0: forward, 1: input gradient, 2: weight gradient.
    func run(_ kind: Int) {
        switch kind {
        case 0:
            ConvKernels.forward(input: x.pointer, weight: w.pointer, bias: b.pointer, output: y.pointer,
                                shape: shape)
        case 1:
            ConvKernels.inputGradient(outputGradient: dy.pointer, weight: w.pointer, inputGradient: dx.pointer,
                                      shape: shape)
        default:
            ConvKernels.weightGradient(input: x.pointer, outputGradient: dy.pointer, weightGradient: dw.pointer,
                                       biasGradient: db.pointer, shape: shape)
        }
    }

    /// Runs kernel `kind` and returns a copy of what it wrote.
    func runCopying(_ kind: Int) -> [Float] {
        run(kind)
        let out = [y, dx, dw][kind]
        let count = [shape.outputCount, shape.inputCount, shape.weightCount][kind]
        return Array(UnsafeBufferPointer(start: out.pointer, count: count))
    }
}
