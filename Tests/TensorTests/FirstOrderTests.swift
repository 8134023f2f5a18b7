import XCTest
@testable import Tensor

/// First-order finite-difference checks for every op.
final class FirstOrderTests: XCTestCase {
    let check = GradientChecker()
    let x = randomTensor([2, 3, 4, 5], seed: 1)
    let y = randomTensor([2, 3, 4, 5], seed: 2)

    func testArithmetic() {
        check.checkFirstOrder([x, y]) { $0[0] + $0[1] }
        check.checkFirstOrder([x, y]) { $0[0] - $0[1] }
        check.checkFirstOrder([x, y]) { $0[0] * $0[1] }
        check.checkFirstOrder([x]) { $0[0] * 3 + 0.5 }
        check.checkFirstOrder([x]) { 1 - $0[0] }
        check.checkFirstOrder([x]) { -$0[0] }
    }

    func testBroadcasting() {
        let perChannel = randomTensor([1, 3, 1, 1], seed: 3)
        let perPixel = randomTensor([2, 1, 4, 5], seed: 4)
        let scalar = randomTensor([1], seed: 5)
        check.checkFirstOrder([x, perChannel]) { $0[0] * $0[1] }
        check.checkFirstOrder([x, perPixel]) { $0[0] + $0[1] }
        check.checkFirstOrder([x, scalar]) { $0[0] - $0[1] }
        check.checkFirstOrder([perChannel]) { $0[0].expand(to: [2, 3, 4, 5]) }
        check.checkFirstOrder([x]) { $0[0].sum(to: [1, 3, 1, 1]) }
    }

    func testUnary() {
        let positive = randomTensor([2, 3, 4, 5], seed: 6, low: 0.5, high: 2)
        check.checkFirstOrder([x]) { $0[0].square() }
        check.checkFirstOrder([positive]) { $0[0].sqrt() }
        check.checkFirstOrder([positive]) { $0[0].rsqrt() }
        check.checkFirstOrder([positive]) { $0[0].reciprocal() }
        check.checkFirstOrder([x]) { $0[0].tanh() }
        check.checkFirstOrder([randomTensor([2, 3, 4, 5], seed: 7, awayFromZero: 0.05)]) { $0[0].leakyReLU(0.2) }
    }

    func testReductionsAndLosses() {
        check.checkFirstOrder([x]) { $0[0].sum() }
        check.checkFirstOrder([x]) { $0[0].mean() }
        check.checkFirstOrder([x, y]) { mse($0[0], $0[1]) }
        check.checkFirstOrder([randomTensor([2, 3, 4, 5], seed: 8, awayFromZero: 0.2)]) { $0[0].channelNorm() }
    }

    func testShapes() {
        check.checkFirstOrder([x]) { $0[0].padded(2) }
        check.checkFirstOrder([x]) { $0[0].padded(top: 1, left: 0, height: 7, width: 6) }
        check.checkFirstOrder([x]) { $0[0].cropped(top: 1, left: 2, height: 2, width: 3) }
        check.checkFirstOrder([x]) { $0[0].centerCropped(height: 2, width: 3) }
        check.checkFirstOrder([x]) { $0[0].reshaped([6, 20]) }
    }

    func testConvolutionAndItsGradients() {
        let input = randomTensor([2, 3, 6, 7], seed: 9)
        let weight = randomTensor([4, 3, 3, 3], seed: 10)
        let bias = randomTensor([4], seed: 11)
        let dy = randomTensor([2, 4, 4, 5], seed: 12)
        check.checkFirstOrder([input, weight, bias]) { conv2d($0[0], $0[1], $0[2]) }
        check.checkFirstOrder([dy, weight]) { convInputGradient($0[0], $0[1], inputShape: [2, 3, 6, 7]) }
        check.checkFirstOrder([input, dy]) { convWeightGradient($0[0], $0[1], weightShape: [4, 3, 3, 3]) }
    }

    func testBatchNorm() {
        let gamma = randomTensor([3], seed: 13, low: 0.5, high: 1.5)
        let beta = randomTensor([3], seed: 14)
        check.checkFirstOrder([x, gamma, beta]) {
            batchNorm($0[0], gamma: $0[1], beta: $0[2], stats: RunningStats(channels: 3), training: true)
        }
        let frozen = RunningStats(channels: 3)
        frozen.mean = [0.1, -0.2, 0.3]
        frozen.variance = [0.5, 1.5, 2]
        check.checkFirstOrder([x, gamma, beta]) {
            batchNorm($0[0], gamma: $0[1], beta: $0[2], stats: frozen, training: false)
        }
    }
}
