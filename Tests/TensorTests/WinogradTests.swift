import XCTest
@testable import Tensor

/// The Winograd kernels against the direct ones (themselves checked against plain loops in
/// ConvKernelTests): both tile sizes, odd sizes that leave partial tiles, batches, thread
/// counts and band sizes; determinism; and the finite-difference checks of the conv ops,
/// first and second order, with Winograd forced onto their few-channel shapes.
final class WinogradTests: XCTestCase {
    static let shapes: [ConvShape] = [
        ConvShape(batch: 1, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3),
        ConvShape(batch: 3, inChannels: 16, height: 13, width: 11, outChannels: 24, kernel: 3),
        ConvShape(batch: 2, inChannels: 17, height: 3, width: 3, outChannels: 16, kernel: 3),
        ConvShape(batch: 1, inChannels: 16, height: 9, width: 4, outChannels: 33, kernel: 3),
        ConvShape(batch: 1, inChannels: 64, height: 19, width: 23, outChannels: 64, kernel: 3),
    ]

    private var defaults = (ConvTuning.winograd, ConvTuning.winogradTile, ConvTuning.winogradMinChannels,
                            ConvTuning.winogradBlockBytes, ConvTuning.winogradMinPixels)

    override func setUp() {
        defaults = (ConvTuning.winograd, ConvTuning.winogradTile, ConvTuning.winogradMinChannels,
                    ConvTuning.winogradBlockBytes, ConvTuning.winogradMinPixels)
        ConvTuning.winogradMinPixels = 1  // these shapes are small; run Winograd on them anyway
    }

    override func tearDown() {
        (ConvTuning.winograd, ConvTuning.winogradTile, ConvTuning.winogradMinChannels,
         ConvTuning.winogradBlockBytes, ConvTuning.winogradMinPixels) = defaults
        Threads.set(Threads.defaultCount)
    }

    func testMatchesDirectKernelsForBothTileSizes() {
        for tile in [WinogradTile.f2x2, .f4x4] {
            ConvTuning.winogradTile = tile
            for shape in Self.shapes { checkAgainstDirect(shape, tolerance: tile == .f2x2 ? 1e-5 : 1e-4) }
        }
    }

    func testMatchesDirectKernelsWithSmallBandsAndManyThreads() {
        for threads in [1, 3] {
            Threads.set(threads)
            ConvTuning.winogradBlockBytes = 1024  // one tile row per band
            for shape in Self.shapes.prefix(3) { checkAgainstDirect(shape, tolerance: 1e-4) }
        }
    }

    func testIsUsedForWideThreeByThreeLayersOfLargeImagesOnly() {
        (ConvTuning.winograd, ConvTuning.winogradMinPixels) = (defaults.0, defaults.4)
        let large = 186 * 248, small = 24 * 32
        XCTAssertTrue(ConvTuning.usesWinograd(kernelHeight: 3, kernelWidth: 3, channels: 32, outChannels: 32, outPixels: large))
        XCTAssertFalse(ConvTuning.usesWinograd(kernelHeight: 3, kernelWidth: 3, channels: 32, outChannels: 32, outPixels: small))
        XCTAssertFalse(ConvTuning.usesWinograd(kernelHeight: 3, kernelWidth: 3, channels: 3, outChannels: 32, outPixels: large))
        XCTAssertFalse(ConvTuning.usesWinograd(kernelHeight: 3, kernelWidth: 3, channels: 32, outChannels: 3, outPixels: large))
        XCTAssertFalse(ConvTuning.usesWinograd(kernelHeight: 5, kernelWidth: 5, channels: 32, outChannels: 32, outPixels: large))
        ConvTuning.winograd = false
        XCTAssertFalse(ConvTuning.usesWinograd(kernelHeight: 3, kernelWidth: 3, channels: 32, outChannels: 32, outPixels: large))
    }

    func testDeterministic() {
        let shape = ConvShape(batch: 3, inChannels: 32, height: 26, width: 34, outChannels: 32, kernel: 3)
        let data = KernelInputs(shape, seed: 5)
        let first = data.run()
        for _ in 0..<3 { XCTAssertEqual(first, data.run()) }
    }

    /// The AVX-512 kernels do the AVX2 kernels' arithmetic lane by lane, so a model trains to
    /// the same bytes on a Zen 3 and a Zen 4. 68 outputs across are 17 tiles, 24 slots a tile
    /// row: bands of 16-float vectors with 8-float ones left over.
    func testBothVectorWidthsGiveTheSameBytes() throws {
        try XCTSkipUnless(CPUFeatures.avx512, "this CPU has no AVX-512")
        defer { ConvTuning.avx512 = CPUFeatures.avx512 }
        for shape in [ConvShape(batch: 1, inChannels: 32, height: 30, width: 70, outChannels: 32, kernel: 3),
                      ConvShape(batch: 2, inChannels: 16, height: 21, width: 45, outChannels: 24, kernel: 3)] {
            let data = KernelInputs(shape, seed: 31)
            ConvTuning.avx512 = false
            let narrow = data.run()
            ConvTuning.avx512 = true
            let wide = data.run()
            for (a, b) in [(narrow.output, wide.output), (narrow.inputGradient, wide.inputGradient),
                           (narrow.weightGradient, wide.weightGradient)] {
                XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "\(shape)")
            }
        }
    }

    func testFirstOrderGradientsThroughWinograd() {
        ConvTuning.winogradMinChannels = 1
        let check = GradientChecker()
        let input = randomTensor([2, 3, 7, 6], seed: 9)
        let weight = randomTensor([4, 3, 3, 3], seed: 10)
        let bias = randomTensor([4], seed: 11)
        let dy = randomTensor([2, 4, 5, 4], seed: 12)
        check.checkFirstOrder([input, weight, bias]) { conv2d($0[0], $0[1], $0[2]) }
        check.checkFirstOrder([dy, weight]) { convInputGradient($0[0], $0[1], inputShape: [2, 3, 7, 6]) }
        check.checkFirstOrder([input, dy]) { convWeightGradient($0[0], $0[1], weightShape: [4, 3, 3, 3]) }
    }

    func testSecondOrderGradientsThroughWinograd() {
        ConvTuning.winogradMinChannels = 1
        let check = GradientChecker(h: 1e-2, relative: 3e-2, absolute: 3e-3)
        let x = randomTensor([1, 2, 7, 6], seed: 21)
        let w = randomTensor([3, 2, 3, 3], seed: 22)
        let b = randomTensor([3], seed: 23)
        check.checkSecondOrder([x, w, b]) { conv2d($0[0], $0[1], $0[2]).square() }
        let dy = randomTensor([1, 3, 5, 4], seed: 24)
        check.checkSecondOrder([dy, w]) { convInputGradient($0[0], $0[1], inputShape: [1, 2, 7, 6]).square() }
        check.checkSecondOrder([x, dy]) { convWeightGradient($0[0], $0[1], weightShape: [3, 2, 3, 3]).square() }
    }

    /// Largest error relative to the largest direct value, per output; and the Winograd path
    /// really ran (its rounding differs from the direct kernels' somewhere).
    private func checkAgainstDirect(_ shape: ConvShape, tolerance: Float,
                                    file: StaticString = #filePath, line: UInt = #line) {
        let data = KernelInputs(shape, seed: UInt64(shape.inputCount))
        ConvTuning.winograd = false
        let direct = data.run()
        ConvTuning.winograd = true
        let winograd = data.run()
        XCTAssertNotEqual(direct, winograd, "Winograd not used for \(shape)", file: file, line: line)
        for (name, a, b) in [("forward", winograd.output, direct.output),
                             ("input gradient", winograd.inputGradient, direct.inputGradient),
                             ("weight gradient", winograd.weightGradient, direct.weightGradient),
                             ("bias gradient", winograd.biasGradient, direct.biasGradient)] {
            let error = WinogradError.relative(a, b)
            XCTAssertLessThanOrEqual(error, tolerance, "\(name) \(shape) \(ConvTuning.winogradTile)",
                                     file: file, line: line)
        }
    }
}

/// Random inputs of one shape and the four kernel outputs on them.
private struct KernelInputs {
    let shape: ConvShape
    let x, w, b, dy: [Float]

    struct Outputs: Equatable {
        var output, inputGradient, weightGradient, biasGradient: [Float]
    }

    init(_ shape: ConvShape, seed: UInt64) {
        self.shape = shape
        var rng = RandomSource(seed: seed)
        func random(_ n: Int) -> [Float] { (0..<n).map { _ in rng.uniform() * 2 - 1 } }
        x = random(shape.inputCount)
        w = random(shape.weightCount)
        b = random(shape.outChannels)
        dy = random(shape.outputCount)
    }

    func run() -> Outputs {
        var r = Outputs(output: .init(repeating: .nan, count: shape.outputCount),
                        inputGradient: .init(repeating: .nan, count: shape.inputCount),
                        weightGradient: .init(repeating: .nan, count: shape.weightCount),
                        biasGradient: .init(repeating: .nan, count: shape.outChannels))
        ConvKernels.forward(input: x, weight: w, bias: b, output: &r.output, shape: shape)
        ConvKernels.inputGradient(outputGradient: dy, weight: w, inputGradient: &r.inputGradient, shape: shape)
        ConvKernels.weightGradient(input: x, outputGradient: dy, weightGradient: &r.weightGradient,
                                   biasGradient: &r.biasGradient, shape: shape)
        return r
    }
}
