import Glibc

/// Adam as PyTorch implements it (bias-corrected, eps added after the square root), no
/// weight decay. SinGAN uses betas (0.5, 0.999).
public final class Adam {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, eps: Float
    public private(set) var step = 0
    /// First and second moment per parameter, in the parameters' order (saved with models).
    public private(set) var moments: [(m: Tensor, v: Tensor)]

    public init(_ parameters: [Tensor], learningRate: Float, beta1: Float = 0.5, beta2: Float = 0.999, eps: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        moments = parameters.map { (Tensor(zeros: $0.shape), Tensor(zeros: $0.shape)) }
    }

    /// Clears the accumulated gradients.
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }

    /// One update from the gradients in `.grad` (parameters without one are left alone).
    public func update() {
        step += 1
        let c1 = 1 - powf(beta1, Float(step)), c2 = 1 - powf(beta2, Float(step))
        let stepSize = learningRate / c1, c2Root = sqrtf(c2)
        let (b1, b2, eps) = (beta1, beta2, eps)
        for (p, (m, v)) in zip(parameters, moments) {
            guard let g = p.grad else { continue }
            let pp = p.pointer, gp = g.pointer, mp = m.pointer, vp = v.pointer
            for i in 0..<p.count {
                mp[i] = b1 * mp[i] + (1 - b1) * gp[i]
                vp[i] = b2 * vp[i] + (1 - b2) * gp[i] * gp[i]
                pp[i] -= stepSize * mp[i] / (sqrtf(vp[i]) / c2Root + eps)
            }
        }
    }
}

/// Multiplies the learning rate by `gamma` at each milestone iteration (PyTorch's
/// MultiStepLR, stepped once per iteration).
public struct MultiStepSchedule {
    public let base: Float
    public let milestones: [Int]
    public let gamma: Float

    public init(base: Float, milestones: [Int], gamma: Float = 0.1) {
        self.base = base; self.milestones = milestones.sorted(); self.gamma = gamma
    }

    /// The learning rate in effect during `iteration` (0-based).
    public func rate(at iteration: Int) -> Float {
        base * powf(gamma, Float(milestones.filter { iteration >= $0 }.count))
    }
}
