import XCTest
@testable import Tensor

/// The fused BatchNorm + LeakyReLU node and BatchNorm's input-gradient op (BatchNormFused.swift):
/// first order, second order (both sit inside the discriminator under the gradient penalty),
/// and agreement with the unfused composition.
final class FusedOpTests: XCTestCase {
    let first = GradientChecker()
    let second = GradientChecker(h: 1e-2, relative: 3e-2, absolute: 3e-3)

    private func block(_ t: [Tensor], channels: Int = 2) -> Tensor {
        batchNorm(t[0], gamma: t[1], beta: t[2], stats: RunningStats(channels: channels), training: true).leakyReLU(0.2)
    }

    func testBatchNormLeakyReLUIsFusedAndFirstOrderCorrect() {
        let x = randomTensor([2, 2, 5, 6], seed: 60)
        let gamma = randomTensor([2], seed: 61, low: 0.5, high: 1.5)
        let beta = randomTensor([2], seed: 62)
        let tracked = x.copy(); tracked.requiresGrad = true
        XCTAssertEqual(block([tracked, gamma, beta]).gradFn?.name, "batchNormLeakyReLU")
        // A small step: with 60 values some normalised outputs sit within 1e-2 of the kink.
        GradientChecker(h: 1e-3, relative: 2e-2, absolute: 3e-3).checkFirstOrder([x, gamma, beta]) { self.block($0) }
    }

    func testBatchNormLeakyReLUSecondOrder() {
        let x = randomTensor([1, 2, 6, 6], seed: 63)
        let gamma = randomTensor([2], seed: 64, low: 0.5, high: 1.5)
        let beta = randomTensor([2], seed: 65)
        second.checkSecondOrder([x, gamma, beta]) { self.block($0).square() }
    }

    func testBatchNormInputGradientOpFirstOrder() {
        let g = randomTensor([2, 3, 4, 5], seed: 66)
        let x = randomTensor([2, 3, 4, 5], seed: 67)
        let gamma = randomTensor([3], seed: 68, low: 0.5, high: 1.5)
        first.checkFirstOrder([g, x, gamma]) { t in
            let (mean, variance) = channelMoments(t[1])
            return batchNormInputGradient(t[0], t[1], t[2], mean: mean,
                                          invStd: variance.map { 1 / ($0 + 1e-5).squareRoot() }, eps: 1e-5)
        }
    }

    func testFusedMatchesUnfused() {
        let x = randomTensor([2, 3, 7, 5], seed: 69)
        let gamma = randomTensor([3], seed: 70, low: 0.5, high: 1.5)
        let beta = randomTensor([3], seed: 71)
        let v = randomTensor([2, 3, 7, 5], seed: 72)
        func grads(fused: Bool, graph: Bool) -> [Tensor] {
            let t = [x, gamma, beta].map { c -> Tensor in let c = c.copy(); c.requiresGrad = true; return c }
            var y = batchNorm(t[0], gamma: t[1], beta: t[2], stats: RunningStats(channels: 3), training: true)
            if !fused { y = y.detached() + 0; y = batchNorm(t[0], gamma: t[1], beta: t[2], stats: RunningStats(channels: 3), training: true) * 1 }
            let out = (y.leakyReLU(0.2) * v).sum()
            if !graph { return gradients(of: out, wrt: t) }
            let dx = gradients(of: out, wrt: [t[0]], createGraph: true)[0]
            return gradients(of: (dx * v).sum(), wrt: t)
        }
        for graph in [false, true] {
            for (a, b) in zip(grads(fused: true, graph: graph), grads(fused: false, graph: graph)) {
                for (p, q) in zip(a.values, b.values) { XCTAssertEqual(p, q, accuracy: 1e-4 + 1e-3 * abs(q)) }
            }
        }
    }
}
