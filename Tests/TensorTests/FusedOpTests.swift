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

/// The one-pass `batchNormLeakyReLU` against the two ops, values and gradients, in training
/// and frozen mode; and its second order (it sits inside the discriminator).
final class BatchNormLeakyReLUOpTests: XCTestCase {
    func testMatchesTwoOps() {
        let x = randomTensor([2, 3, 5, 4], seed: 80)
        let gamma = randomTensor([3], seed: 81, low: 0.5, high: 1.5)
        let beta = randomTensor([3], seed: 82)
        let v = randomTensor([2, 3, 5, 4], seed: 83)
        for training in [true, false] {
            let statsA = RunningStats(channels: 3), statsB = RunningStats(channels: 3)
            statsA.mean = [0.1, -0.2, 0.3]; statsB.mean = statsA.mean
            statsA.variance = [0.5, 1.5, 2]; statsB.variance = statsA.variance
            let a = [x, gamma, beta].map { t -> Tensor in let c = t.copy(); c.requiresGrad = true; return c }
            let b = [x, gamma, beta].map { t -> Tensor in let c = t.copy(); c.requiresGrad = true; return c }
            let ya = batchNormLeakyReLU(a[0], gamma: a[1], beta: a[2], stats: statsA, training: training, slope: 0.2)
            let yb = batchNorm(b[0], gamma: b[1], beta: b[2], stats: statsB, training: training).leakyReLU(0.2)
            XCTAssertEqual(ya.values, yb.values)
            XCTAssertEqual(statsA.mean, statsB.mean)
            XCTAssertEqual(statsA.variance, statsB.variance)
            let ga = gradients(of: (ya * v).sum(), wrt: a), gb = gradients(of: (yb * v).sum(), wrt: b)
            for (p, q) in zip(ga, gb) {
                for (u, w) in zip(p.values, q.values) { XCTAssertEqual(u, w, accuracy: 1e-5 + 1e-4 * abs(w)) }
            }
        }
    }

    func testSecondOrder() {
        // The data of FusedOpTests' second-order check: no normalised value within a step of
        // the kink (where finite differences of the first derivative jump).
        let x = randomTensor([1, 2, 6, 6], seed: 63)
        let gamma = randomTensor([2], seed: 64, low: 0.5, high: 1.5)
        let beta = randomTensor([2], seed: 65)
        GradientChecker(h: 1e-2, relative: 3e-2, absolute: 3e-3).checkSecondOrder([x, gamma, beta]) {
            batchNormLeakyReLU($0[0], gamma: $0[1], beta: $0[2], stats: RunningStats(channels: 2), training: true, slope: 0.2).square()
        }
    }
}
