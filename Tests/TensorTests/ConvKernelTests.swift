import XCTest
@testable import Tensor

/// The fast convolution kernels against plain nested loops (accumulated in Double),
/// on odd sizes, 1/3/32+ channels, batch 1 and 3, kernels 1, 3 and 5, and under the
/// different tilings and thread counts; plus bit-exact determinism.
final class ConvKernelTests: XCTestCase {
    /// (batch, inChannels, height, width, outChannels, kernelHeight, kernelWidth)
    static let shapes: [ConvShape] = [
        ConvShape(batch: 1, inChannels: 3, height: 7, width: 9, outChannels: 32, kernel: 3),
        ConvShape(batch: 1, inChannels: 3, height: 26, width: 34, outChannels: 32, kernel: 3),
        ConvShape(batch: 3, inChannels: 32, height: 13, width: 11, outChannels: 1, kernel: 3),
        ConvShape(batch: 1, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3),
        ConvShape(batch: 3, inChannels: 32, height: 26, width: 34, outChannels: 3, kernel: 3),
        ConvShape(batch: 3, inChannels: 1, height: 13, width: 11, outChannels: 3, kernel: 5),
        ConvShape(batch: 1, inChannels: 32, height: 7, width: 9, outChannels: 3, kernel: 1),
        ConvShape(batch: 3, inChannels: 3, height: 26, width: 34, outChannels: 1, kernel: 1),
        ConvShape(batch: 1, inChannels: 1, height: 5, width: 5, outChannels: 1, kernel: 5),
        ConvShape(batch: 3, inChannels: 3, height: 13, width: 11, outChannels: 32, kernel: 5),
        ConvShape(batch: 1, inChannels: 3, height: 9, width: 7, outChannels: 1,
                  kernelHeight: 1, kernelWidth: 3),
        ConvShape(batch: 1, inChannels: 64, height: 13, width: 11, outChannels: 64, kernel: 3),
        ConvShape(batch: 1, inChannels: 128, height: 9, width: 7, outChannels: 128, kernel: 3),
        // NarrowConvolution: 2 outputs, 3 kernel rows of 5, wide rows crossing 32-pixel blocks;
        // 3 inputs to 7 outputs (a short last group of 3); a 1x1 output.
        ConvShape(batch: 2, inChannels: 5, height: 20, width: 41, outChannels: 2, kernelHeight: 5, kernelWidth: 3),
        ConvShape(batch: 1, inChannels: 3, height: 17, width: 45, outChannels: 7, kernel: 3),
        ConvShape(batch: 1, inChannels: 2, height: 3, width: 3, outChannels: 3, kernel: 3),
    ]

    private static let defaultTuning = (ConvTuning.columnBlockBytes, ConvTuning.tiled, ConvTuning.layout,
                                        ConvTuning.gemmColumns)

    override func tearDown() {
        (ConvTuning.columnBlockBytes, ConvTuning.tiled, ConvTuning.layout, ConvTuning.gemmColumns) = Self.defaultTuning
        Threads.set(Threads.defaultCount)
    }

    func testMatchesReferenceWithDefaultTiling() {
        for shape in Self.shapes { checkAgainstReference(shape) }
    }

    func testMatchesReferenceWithTinyTiles() {
        // A block of a few hundred floats forces one output row per tile and uneven runs.
        ConvTuning.columnBlockBytes = 1024
        for shape in Self.shapes { checkAgainstReference(shape) }
    }

    func testMatchesReferenceWithOneRowPerGemm() {
        // Big blocks cut into one-row GEMM slices, with a short last slice in most tiles.
        ConvTuning.gemmColumns = 1
        for shape in Self.shapes { checkAgainstReference(shape) }
        ConvTuning.gemmColumns = 70
        for shape in Self.shapes { checkAgainstReference(shape) }
    }

    func testMatchesReferenceWithFullColumns() {
        ConvTuning.layout = .fullColumns
        for shape in Self.shapes { checkAgainstReference(shape) }
        ConvTuning.columnBlockBytes = 1024
        for shape in Self.shapes { checkAgainstReference(shape) }
    }

    func testMatchesReferenceUntiled() {
        ConvTuning.tiled = false
        for shape in Self.shapes { checkAgainstReference(shape) }
    }

    func testMatchesReferenceOnOneThreeAndManyThreads() {
        // 48 workers: more pieces than tiles for some shapes, dozens of scratch buffers for others.
        for threads in [1, 3, 48] {
            Threads.set(threads)
            ConvTuning.columnBlockBytes = 4096
            for shape in Self.shapes.prefix(4) { checkAgainstReference(shape) }
        }
    }

    func testNoBias() {
        let shape = ConvShape(batch: 3, inChannels: 3, height: 13, width: 11, outChannels: 32, kernel: 3)
        checkAgainstReference(shape, withBias: false)
    }

    /// The same inputs and thread count give the same bytes, every run: the general path,
    /// the scatter input gradient (3 input channels) and the single-output path.
    func testDeterministic() {
        ConvTuning.columnBlockBytes = 8192
        for (inChannels, outChannels) in [(32, 32), (3, 32), (32, 1)] {
            let shape = ConvShape(batch: 3, inChannels: inChannels, height: 26, width: 34,
                                  outChannels: outChannels, kernel: 3)
            let data = ConvData(shape, seed: 7)
            let first = data.fastResults()
            for _ in 0..<3 {
                let again = data.fastResults()
                XCTAssertEqual(first.output, again.output)
                XCTAssertEqual(first.inputGradient, again.inputGradient)
                XCTAssertEqual(first.weightGradient, again.weightGradient)
                XCTAssertEqual(first.biasGradient, again.biasGradient)
            }
        }
    }

    /// Output buffers are overwritten, not accumulated into.
    func testOverwritesOutputs() {
        for outChannels in [1, 3] {
            for withBias in [true, false] {
                let shape = ConvShape(batch: 1, inChannels: 32, height: 7, width: 9, outChannels: outChannels, kernel: 3)
                let data = ConvData(shape, seed: 3, withBias: withBias)
                let clean = data.fastResults()
                let dirty = data.fastResults(prefill: .nan)
                XCTAssertEqual(clean.output, dirty.output)
                XCTAssertEqual(clean.inputGradient, dirty.inputGradient)
                XCTAssertEqual(clean.weightGradient, dirty.weightGradient)
                XCTAssertEqual(clean.biasGradient, dirty.biasGradient)
                XCTAssertFalse(clean.output.contains { $0.isNaN })
            }
        }
    }

    private func checkAgainstReference(_ shape: ConvShape, withBias: Bool = true,
                                       file: StaticString = #filePath, line: UInt = #line) {
        let data = ConvData(shape, seed: UInt64(shape.inputCount + shape.weightCount), withBias: withBias)
        let fast = data.fastResults()
        let reference = data.referenceResults()
        let context = "\(shape) threads \(Threads.count) block \(ConvTuning.columnBlockBytes) "
            + "tiled \(ConvTuning.tiled) layout \(ConvTuning.layout)"
        assertClose(fast.output, reference.output, "forward \(context)", file: file, line: line)
        assertClose(fast.inputGradient, reference.inputGradient, "input gradient \(context)", file: file, line: line)
        assertClose(fast.weightGradient, reference.weightGradient, "weight gradient \(context)", file: file, line: line)
        if withBias {
            assertClose(fast.biasGradient, reference.biasGradient, "bias gradient \(context)", file: file, line: line)
        }
    }

    /// Largest error relative to the largest reference magnitude: the GEMM reorders sums,
    /// so single elements near zero can differ by more than 1e-4 of themselves.
    private func assertClose(_ a: [Float], _ b: [Float], _ what: String,
                             file: StaticString, line: UInt) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        var scale: Float = 1e-6, worst: Float = 0
        for i in 0..<min(a.count, b.count) {
            scale = max(scale, abs(b[i]))
            worst = max(worst, abs(a[i] - b[i]))
        }
        XCTAssertLessThanOrEqual(worst / scale, 1e-4, what, file: file, line: line)
    }
}

/// Random inputs for one shape, and the results of both implementations on them.
private struct ConvData {
    let shape: ConvShape
    let input: [Float]
    let weight: [Float]
    let bias: [Float]?
    let outputGradient: [Float]

    struct Results {
        var output: [Float]
        var inputGradient: [Float]
        var weightGradient: [Float]
        var biasGradient: [Float]
    }

    init(_ shape: ConvShape, seed: UInt64, withBias: Bool = true) {
        self.shape = shape
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func random(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                // xorshift64*: uniform in [-1, 1)
                state ^= state >> 12; state ^= state << 25; state ^= state >> 27
                let bits = (state &* 0x2545_F491_4F6C_DD1D) >> 40
                return Float(bits) / Float(1 << 23) - 1
            }
        }
        input = random(shape.inputCount)
        weight = random(shape.weightCount)
        bias = withBias ? random(shape.outChannels) : nil
        outputGradient = random(shape.outputCount)
    }

    func fastResults(prefill: Float = 0) -> Results {
        var r = Results(output: Array(repeating: prefill, count: shape.outputCount),
                        inputGradient: Array(repeating: prefill, count: shape.inputCount),
                        weightGradient: Array(repeating: prefill, count: shape.weightCount),
                        biasGradient: Array(repeating: prefill, count: shape.outChannels))
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                outputGradient.withUnsafeBufferPointer { dy in
                    if let bias {
                        bias.withUnsafeBufferPointer { b in
                            ConvKernels.forward(input: x.baseAddress!, weight: w.baseAddress!, bias: b.baseAddress!,
                                                output: &r.output, shape: shape)
                        }
                    } else {
                        ConvKernels.forward(input: x.baseAddress!, weight: w.baseAddress!, bias: nil,
                                            output: &r.output, shape: shape)
                    }
                    ConvKernels.inputGradient(outputGradient: dy.baseAddress!, weight: w.baseAddress!,
                                              inputGradient: &r.inputGradient, shape: shape)
                    ConvKernels.weightGradient(input: x.baseAddress!, outputGradient: dy.baseAddress!,
                                               weightGradient: &r.weightGradient,
                                               biasGradient: &r.biasGradient, shape: shape)
                }
            }
        }
        return r
    }

    /// The definitions, as plain loops accumulated in Double.
    func referenceResults() -> Results {
        let s = shape
        let (n, cin, h, w, cout, kh, kw) = (s.batch, s.inChannels, s.height, s.width,
                                            s.outChannels, s.kernelHeight, s.kernelWidth)
        let (oh, ow) = (s.outHeight, s.outWidth)
        func xi(_ b: Int, _ c: Int, _ y: Int, _ x: Int) -> Int { ((b * cin + c) * h + y) * w + x }
        func yi(_ b: Int, _ c: Int, _ y: Int, _ x: Int) -> Int { ((b * cout + c) * oh + y) * ow + x }
        func wi(_ o: Int, _ i: Int, _ y: Int, _ x: Int) -> Int { ((o * cin + i) * kh + y) * kw + x }

        var output = [Double](repeating: 0, count: s.outputCount)
        var inputGradient = [Double](repeating: 0, count: s.inputCount)
        var weightGradient = [Double](repeating: 0, count: s.weightCount)
        var biasGradient = [Double](repeating: 0, count: cout)
        for b in 0..<n {
            for o in 0..<cout {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var sum = Double(bias?[o] ?? 0)
                        let g = Double(outputGradient[yi(b, o, oy, ox)])
                        biasGradient[o] += g
                        for i in 0..<cin {
                            for ky in 0..<kh {
                                for kx in 0..<kw {
                                    let xv = Double(input[xi(b, i, oy + ky, ox + kx)])
                                    let wv = Double(weight[wi(o, i, ky, kx)])
                                    sum += wv * xv
                                    inputGradient[xi(b, i, oy + ky, ox + kx)] += wv * g
                                    weightGradient[wi(o, i, ky, kx)] += xv * g
                                }
                            }
                        }
                        output[yi(b, o, oy, ox)] = sum
                    }
                }
            }
        }
        return Results(output: output.map(Float.init), inputGradient: inputGradient.map(Float.init),
                       weightGradient: weightGradient.map(Float.init), biasGradient: biasGradient.map(Float.init))
    }
}
