import XCTest
@testable import Tensor

/// Finite-difference checks shared by the gradient tests.
///
/// Losses are reduced as `sum(f(x) * v)` with a fixed random `v`, so every output element
/// matters; central differences in float32 with step `h` are compared with a mixed
/// absolute/relative tolerance.
struct GradientChecker {
    var h: Float = 1e-2
    var relative: Double = 2e-2
    var absolute: Double = 2e-3

    /// Checks d sum(f(inputs) * v) / d inputs[i] for every input.
    /// Returns the worst error as a fraction of the tolerance (above 1 fails the test, unless
    /// `expectFailure`, which the test of the checker itself uses).
    @discardableResult
    func checkFirstOrder(_ inputs: [Tensor], expectFailure: Bool = false, file: StaticString = #filePath, line: UInt = #line,
                         _ f: @escaping ([Tensor]) -> Tensor) -> Double {
        var worst = 0.0
        var rng = RandomSource(seed: 99)
        let probe = f(inputs.map { $0.detached() })
        let v = Tensor.normal(probe.shape, using: &rng)
        let loss: ([Tensor]) -> Tensor = { (f($0) * v).sum() }
        let tracked = inputs.map { t -> Tensor in let c = t.copy(); c.requiresGrad = true; return c }
        let analytic = gradients(of: loss(tracked), wrt: tracked)
        for (i, input) in inputs.enumerated() {
            let numeric = finiteDifference(inputs, index: i) { tensors in withoutGrad { Double(loss(tensors).item) } }
            worst = max(worst, compare(analytic[i].values, numeric, report: !expectFailure, what: "input \(i) of shape \(input.shape)", file: file, line: line))
        }
        return worst
    }

    /// Checks the gradient of a gradient: with g = d sum(f(x, θ) * v1)/dx built as a graph,
    /// compares d sum(g * v2)/dθ_j (and /dx) against finite differences of that first-order
    /// quantity. `inputs[0]` is x.
    @discardableResult
    func checkSecondOrder(_ inputs: [Tensor], expectFailure: Bool = false, file: StaticString = #filePath, line: UInt = #line,
                          _ f: @escaping ([Tensor]) -> Tensor) -> Double {
        var worst = 0.0
        var rng = RandomSource(seed: 7)
        let probe = f(inputs.map { $0.detached() })
        let v1 = Tensor.normal(probe.shape, using: &rng)
        let v2 = Tensor.normal(inputs[0].shape, using: &rng)
        let penalty: ([Tensor], Bool) -> Tensor = { tensors, graph in
            let g = gradients(of: (f(tensors) * v1).sum(), wrt: [tensors[0]], createGraph: graph)[0]
            return (g * v2).sum()
        }
        let tracked = inputs.map { t -> Tensor in let c = t.copy(); c.requiresGrad = true; return c }
        let analytic = gradients(of: penalty(tracked, true), wrt: tracked)
        for (i, input) in inputs.enumerated() {
            let numeric = finiteDifference(inputs, index: i) { tensors in
                let fresh = tensors.map { t -> Tensor in let c = t.copy(); c.requiresGrad = true; return c }
                return Double(penalty(fresh, false).item)
            }
            worst = max(worst, compare(analytic[i].values, numeric, report: !expectFailure, what: "second order, input \(i) of shape \(input.shape)", file: file, line: line))
        }
        return worst
    }

    private func finiteDifference(_ inputs: [Tensor], index: Int, _ value: ([Tensor]) -> Double) -> [Double] {
        let x = inputs[index]
        return (0..<x.count).map { k in
            let plus = inputs.map { $0.copy() }, minus = inputs.map { $0.copy() }
            plus[index].pointer[k] += h
            minus[index].pointer[k] -= h
            return (value(plus) - value(minus)) / (2 * Double(h))
        }
    }

    private func compare(_ analytic: [Float], _ numeric: [Double], report: Bool, what: String,
                         file: StaticString, line: UInt) -> Double {
        let scale = max(numeric.map(abs).max() ?? 0, 1e-3)
        var worst = 0.0, worstAt = 0
        for k in 0..<numeric.count {
            let error = abs(Double(analytic[k]) - numeric[k]) / (absolute * scale + relative * abs(numeric[k]))
            if error > worst { worst = error; worstAt = k }
        }
        if worst > 1 && report {
            XCTFail("\(what): gradient \(analytic[worstAt]) vs finite difference \(numeric[worstAt]) at \(worstAt)",
                    file: file, line: line)
        }
        return worst
    }
}

/// Random test tensors with values kept away from 0 where a kink would spoil differences.
func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1, awayFromZero: Float = 0) -> Tensor {
    var rng = RandomSource(seed: seed)
    let t = Tensor.uniform(shape, low: low, high: high, using: &rng)
    for i in 0..<t.count where abs(t.pointer[i]) < awayFromZero {
        t.pointer[i] = t.pointer[i] < 0 ? -awayFromZero : awayFromZero
    }
    return t
}
