import XCTest
@testable import Tensor

/// Second-order checks for the ops that sit inside the discriminator under the gradient
/// penalty, and for the whole WGAN-GP penalty on a tiny discriminator.
final class SecondOrderTests: XCTestCase {
    let check = GradientChecker(h: 1e-2, relative: 3e-2, absolute: 3e-3)

    func testConvolution() {
        let x = randomTensor([1, 2, 6, 6], seed: 21)
        let w = randomTensor([3, 2, 3, 3], seed: 22)
        let b = randomTensor([3], seed: 23)
        // Linear in x, so the x-x block is zero; the x-w block is what the penalty needs.
        check.checkSecondOrder([x, w, b]) { conv2d($0[0], $0[1], $0[2]).square() }
    }

    func testConvolutionGradientOps() {
        let dy = randomTensor([1, 3, 4, 4], seed: 24)
        let w = randomTensor([3, 2, 3, 3], seed: 25)
        check.checkSecondOrder([dy, w]) { convInputGradient($0[0], $0[1], inputShape: [1, 2, 6, 6]).square() }
        let x = randomTensor([1, 2, 6, 6], seed: 26)
        check.checkSecondOrder([x, dy]) { convWeightGradient($0[0], $0[1], weightShape: [3, 2, 3, 3]).square() }
    }

    func testBatchNormTraining() {
        let x = randomTensor([1, 2, 6, 6], seed: 27)
        let gamma = randomTensor([2], seed: 28, low: 0.5, high: 1.5)
        let beta = randomTensor([2], seed: 29)
        check.checkSecondOrder([x, gamma, beta]) {
            batchNorm($0[0], gamma: $0[1], beta: $0[2], stats: RunningStats(channels: 2), training: true).square()
        }
    }

    func testElementwiseAndReductions() {
        let x = randomTensor([1, 2, 3, 3], seed: 30, awayFromZero: 0.1)
        let y = randomTensor([1, 2, 3, 3], seed: 31)
        let positive = randomTensor([1, 2, 3, 3], seed: 32, low: 0.5, high: 2)
        check.checkSecondOrder([x, y]) { ($0[0] * $0[1]).square() }
        check.checkSecondOrder([x, y]) { ($0[0] - $0[1]).square().mean() }
        check.checkSecondOrder([x]) { $0[0].leakyReLU(0.2).square() }
        check.checkSecondOrder([positive]) { $0[0].rsqrt() }
        check.checkSecondOrder([x]) { $0[0].sum(to: [1, 2, 1, 1]).expand(to: [1, 2, 3, 3]) * $0[0] }
        check.checkSecondOrder([x]) { $0[0].padded(1).cropped(top: 0, left: 1, height: 4, width: 3).square() }
    }

    /// The penalty of WGAN-GP, lambda * mean((|dD/dx|_channels - 1)^2), differentiated with
    /// respect to every weight of a two-layer D with BatchNorm and LeakyReLU.
    func testGradientPenaltyWithRespectToDiscriminatorWeights() {
        var rng = RandomSource(seed: 40)
        let w1 = Tensor.normal([4, 3, 3, 3], std: 0.3, using: &rng)
        let b1 = Tensor.normal([4], std: 0.1, using: &rng)
        let gamma = Tensor.normal([4], mean: 1, std: 0.1, using: &rng)
        let beta = Tensor.normal([4], std: 0.1, using: &rng)
        let w2 = Tensor.normal([1, 4, 3, 3], std: 0.3, using: &rng)
        let b2 = Tensor.normal([1], std: 0.1, using: &rng)
        let xhat = Tensor.normal([1, 3, 7, 7], using: &rng)

        func penalty(_ p: [Tensor], graph: Bool) -> Tensor {
            let input = xhat.copy()
            input.requiresGrad = true
            let h = batchNorm(conv2d(input, p[0], p[1]), gamma: p[2], beta: p[3],
                              stats: RunningStats(channels: 4), training: true).leakyReLU(0.2)
            let score = conv2d(h, p[4], p[5]).sum()
            let g = gradients(of: score, wrt: [input], createGraph: graph)[0]
            return (g.channelNorm() - 1).square().mean() * 0.1
        }
        let params = [w1, b1, gamma, beta, w2, b2].map { t -> Tensor in let c = t.copy(); c.requiresGrad = true; return c }
        let analytic = gradients(of: penalty(params, graph: true), wrt: params)
        let h: Float = 2e-3
        for (i, p) in params.enumerated() {
            for k in 0..<p.count {
                let plus = params.map { $0.copy() }, minus = params.map { $0.copy() }
                plus[i].pointer[k] += h
                minus[i].pointer[k] -= h
                let numeric = (Double(penalty(plus, graph: false).item) - Double(penalty(minus, graph: false).item)) / Double(2 * h)
                let a = Double(analytic[i].pointer[k])
                XCTAssertEqual(a, numeric, accuracy: 2e-3 + 3e-2 * abs(numeric), "parameter \(i) element \(k)")
            }
        }
        // The penalty must actually depend on the weights for this check to mean anything.
        XCTAssertGreaterThan(analytic[0].values.map(abs).max() ?? 0, 1e-3)
    }
}

/// The checks must be able to fail: a rule that is wrong by a little is caught.
final class GradientCheckerTests: XCTestCase {
    func testCatchesAWrongFirstOrderRule() {
        let x = randomTensor([1, 2, 3, 3], seed: 50)
        let ratio = GradientChecker().checkFirstOrder([x], expectFailure: true) { t in
            t[0].map { $0 * $0 }.recorded("wrongSquare", [t[0]]) { g, _ in [g * t[0] * 2.1] }
        }
        XCTAssertGreaterThan(ratio, 1)
    }

    func testCatchesASecondOrderRuleThatDropsHistory() {
        // The right first derivative, but computed from detached values: no second order.
        let x = randomTensor([1, 2, 3, 3], seed: 51)
        let ratio = GradientChecker().checkSecondOrder([x], expectFailure: true) { t in
            t[0].map { $0 * $0 * $0 }.recorded("cubeNoHistory", [t[0]]) { g, _ in
                [g * t[0].detached().square() * 3]
            }
        }
        XCTAssertGreaterThan(ratio, 1)
    }
}
