import Tensor
import XCTest
@testable import SinGAN

/// The whole critic objective with the switches that sit inside D (equalized learning rate,
/// minibatch stddev, a second critic on the pooled image) and the WGAN-GP penalty: its
/// gradient with respect to every weight of D, which goes through a gradient of a gradient,
/// against central finite differences.
final class SwitchPenaltyTests: XCTestCase {
    func testCriticLossGradientWithEverySwitchInsideD() {
        var s = Settings()
        s.layers = 3
        s.switches.equalizedLearningRate = true
        s.switches.minibatchStddev = true
        s.switches.criticScales = 2
        s.switches.batch = 2
        s.gpWeight = 1
        var rng = RandomSource(seed: 12)
        XCTAssertEqual(Discriminator.criticCount(height: 14, width: 15, settings: s), 2)
        let d = Discriminator(width: 2, settings: s, critics: 2, using: &rng)
        let real = Tensor.normal([1, 3, 14, 15], std: 0.5, using: &rng).repeatedAlongBatch(2)
        let fake = Tensor.normal([2, 3, 14, 15], std: 0.5, using: &rng)
        let loss = CriticLoss(settings: s)
        let objective = { loss.discriminator(d, real: real, fake: fake, alphas: [0.3, 0.8]) }

        XCTAssertGreaterThan(assertCriticGradientsMatch(objective, parameters: d.parameters), 50)
        // The penalty must matter: the objective without it differs.
        var noPenalty = s
        noPenalty.gpWeight = 0
        XCTAssertNotEqual(objective().item, CriticLoss(settings: noPenalty).discriminator(d, real: real, fake: fake, alphas: [0.3, 0.8]).item)
    }
}

/// Checks the gradient of a critic objective (with the WGAN-GP penalty inside, so a gradient
/// of a gradient) with respect to every `p.count / 6`-th weight of each parameter against
/// central differences; returns how many weights it checked.
/// float32: a step much above 2e-4 crosses LeakyReLU kinks, one much below drowns in
/// rounding; a gradient passes when the difference quotient at 2e-4 or 5e-4 agrees.
@discardableResult
func assertCriticGradientsMatch(_ objective: () -> Tensor, parameters params: [Tensor],
                                file: StaticString = #filePath, line: UInt = #line) -> Int {
    let analytic = gradients(of: objective(), wrt: params)
    func quotient(_ p: Tensor, _ k: Int, _ h: Float) -> Double {
        let saved = p.pointer[k]
        p.pointer[k] = saved + h
        let plus = Double(objective().item)  // with recording on: the penalty needs its graph
        p.pointer[k] = saved - h
        let minus = Double(objective().item)
        p.pointer[k] = saved
        return (plus - minus) / Double(2 * h)
    }
    var checked = 0
    for (i, p) in params.enumerated() {
        for k in stride(from: 0, to: p.count, by: max(1, p.count / 6)) {
            let a = Double(analytic[i].pointer[k])
            let numeric = [quotient(p, k, 2e-4), quotient(p, k, 5e-4)]
            let close = numeric.contains { abs(a - $0) <= 3e-3 + 3e-2 * abs($0) }
            XCTAssertTrue(close, "parameter \(i) (\(p.shape)) element \(k): \(a) vs \(numeric)", file: file, line: line)
            checked += 1
        }
    }
    return checked
}
