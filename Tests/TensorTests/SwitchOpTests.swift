import XCTest
@testable import Tensor

/// The ops behind the PGGAN and pix2pixHD training switches: finite-difference checks of
/// first order for all, and of second order for those that sit inside D (under the
/// gradient penalty): minibatch stddev, channel concat, average pooling, and a conv whose
/// weight is scaled at run time (equalized learning rate).
final class SwitchOpTests: XCTestCase {
    let first = GradientChecker()
    let second = GradientChecker(h: 1e-2, relative: 3e-2, absolute: 3e-3)

    func testPixelNormValuesAndGradients() {
        let x = randomTensor([2, 3, 3, 4], seed: 50)
        let y = x.pixelNormalized()
        // Every pixel's feature vector has mean square 1 over channels.
        for b in 0..<2 { for p in 0..<12 {
            let ms = (0..<3).map { y.pointer[(b * 3 + $0) * 12 + p] }.map { $0 * $0 }.reduce(0, +) / 3
            XCTAssertEqual(ms, 1, accuracy: 1e-4)
        }}
        first.checkFirstOrder([x]) { $0[0].pixelNormalized() }
        second.checkSecondOrder([x]) { $0[0].pixelNormalized().square() }
    }

    func testMinibatchStddevValues() {
        // Two samples, one group: std of (1, 3) is 1 everywhere; of (0, 0) is sqrt(1e-8).
        let x = Tensor([1, 0, 3, 0], shape: [2, 2, 1, 1])
        let s = x.minibatchStddev(groupSize: 2)
        XCTAssertEqual(s.shape, [2, 1, 1, 1])
        XCTAssertEqual(s.values[0], (1 + 1e-4) / 2, accuracy: 1e-6)
        XCTAssertEqual(s.values[1], s.values[0])
        // Groups of 2 in a batch of 4: samples 0 and 2 form group 0, samples 1 and 3 group 1.
        let y = Tensor([0, 5, 2, 5], shape: [4, 1, 1, 1]).minibatchStddev(groupSize: 2)
        XCTAssertEqual(y.values[0], 1, accuracy: 1e-5)
        XCTAssertEqual(y.values[1], 1e-4, accuracy: 1e-6)
        XCTAssertEqual(y.values[2], y.values[0])
    }

    func testMinibatchStddevGradients() {
        let x = randomTensor([4, 2, 3, 3], seed: 51)
        first.checkFirstOrder([x]) { $0[0].minibatchStddev(groupSize: 4) }
        first.checkFirstOrder([x]) { $0[0].minibatchStddev(groupSize: 2) }
        second.checkSecondOrder([x]) { $0[0].minibatchStddev(groupSize: 2).square() }
        // As D uses it: appended to the features, then a conv.
        let w = randomTensor([1, 3, 3, 3], seed: 52)
        second.checkSecondOrder([x, w]) { t in
            conv2d(concatChannels([t[0], t[0].minibatchStddev(groupSize: 4)]), t[1]).square()
        }
    }

    func testConcatAndChannelSlices() {
        let a = randomTensor([2, 2, 3, 3], seed: 53), b = randomTensor([2, 1, 3, 3], seed: 54)
        let joined = concatChannels([a, b])
        XCTAssertEqual(joined.shape, [2, 3, 3, 3])
        XCTAssertEqual(joined.channels(0..<2).values, a.values)
        XCTAssertEqual(joined.channels(2..<3).values, b.values)
        first.checkFirstOrder([a, b]) { concatChannels([$0[0], $0[1]]) }
        second.checkSecondOrder([a, b]) { concatChannels([$0[0], $0[1]]).square() }
        second.checkSecondOrder([a]) { $0[0].channels(1..<2).square() }
    }

    func testAveragePoolMatchesPyTorchCounting() {
        // 3x3 window, stride 2, padding 1, padding not counted: the corner averages 2x2.
        let x = Tensor((0..<16).map(Float.init), shape: [1, 1, 4, 4])
        let y = x.averagePooled3x3Stride2()
        XCTAssertEqual(y.shape, [1, 1, 2, 2])
        XCTAssertEqual(y.values[0], (0 + 1 + 4 + 5) / 4)
        XCTAssertEqual(y.values[1], (1 + 2 + 3 + 5 + 6 + 7) / 6)
        XCTAssertEqual(y.values[3], (5 + 6 + 7 + 9 + 10 + 11 + 13 + 14 + 15) / 9)
        XCTAssertEqual(Tensor(zeros: [1, 1, 5, 7]).averagePooled3x3Stride2().shape, [1, 1, 3, 4])
    }

    func testAveragePoolGradients() {
        let x = randomTensor([2, 2, 5, 6], seed: 55)
        first.checkFirstOrder([x]) { $0[0].averagePooled3x3Stride2() }
        second.checkSecondOrder([x]) { $0[0].averagePooled3x3Stride2().square() }
        let g = randomTensor([2, 2, 3, 3], seed: 56)
        first.checkFirstOrder([g]) { $0[0].averagePoolAdjoint(inputShape: [2, 2, 5, 6]) }
        second.checkSecondOrder([g]) { $0[0].averagePoolAdjoint(inputShape: [2, 2, 5, 6]).square() }
        // Under the penalty as a coarser critic uses it: pool, then a conv.
        let w = randomTensor([1, 2, 2, 2], seed: 57)
        second.checkSecondOrder([x, w]) { conv2d($0[0].averagePooled3x3Stride2(), $0[1]).square() }
    }

    func testAbsoluteAndL1() {
        let a = randomTensor([1, 2, 3, 3], seed: 58, awayFromZero: 0.1)
        let b = randomTensor([1, 2, 3, 3], seed: 59)
        XCTAssertEqual(l1(a, b).item, zip(a.values, b.values).map { Swift.abs($0 - $1) }.reduce(0, +) / 18, accuracy: 1e-5)
        first.checkFirstOrder([a]) { $0[0].absolute() }
        second.checkSecondOrder([a]) { ($0[0].absolute() * $0[0]) }
        // Away from the kink: a is at least 0.1 from 0.
        first.checkFirstOrder([a]) { l1($0[0], Tensor(zeros: a.shape)) * 3 }
    }

    func testEqualizedConvScalesWeightsAtRunTime() {
        var rng = RandomSource(seed: 60)
        let conv = Conv2d(2, 3, kernel: 3, equalized: true, using: &rng)
        XCTAssertEqual(conv.weightScale, (2 / Float(2 * 9)).squareRoot(), accuracy: 1e-7)
        XCTAssertEqual(conv.bias.values, [0, 0, 0])
        let x = randomTensor([1, 2, 5, 5], seed: 61)
        let plain = conv2d(x, conv.weight * conv.weightScale, conv.bias)
        XCTAssertEqual(conv(x).values, plain.values)
        // Under the penalty: d/dx of the scaled conv, differentiated w.r.t. the raw weight.
        let w = randomTensor([3, 2, 3, 3], seed: 62)
        second.checkSecondOrder([x, w]) { conv2d($0[0], $0[1] * conv.weightScale).leakyReLU(0.2).square() }
    }
}
