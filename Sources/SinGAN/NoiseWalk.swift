import Imaging
import Tensor

/// A random walk in noise space around the reconstruction noise, one frame per step
/// (the reference's animation, docs/applications.md):
///
///     d  = beta * (z1 - z2) + (1 - beta) * eps
///     z  = alpha * Z + (1 - alpha) * (z1 + d)
///     z2 = z1; z1 = z
///
/// per scale k, with Z = z* (reconstruction noise), starting at z1 = 0.95 Z + 0.05 eps,
/// z2 = Z. alpha pulls the walk back to Z (how far frames stray); beta is momentum (how
/// smooth the motion is). Scales coarser than `start` keep Z.
public final class NoiseWalk {
    public let model: Model
    public let alpha: Float, beta: Float
    public let start: Int
    private var z1: [Tensor], z2: [Tensor]
    public private(set) var frameCount = 0

    public init(model: Model, alpha: Float = 0.1, beta: Float = 0.9, from start: Int? = nil,
                using rng: inout RandomSource) throws {
        try model.requireTrained(downTo: 0)
        // Outside 0...1 the walk no longer stays near Z: it diverges or oscillates.
        for (name, value) in [("alpha", alpha), ("beta", beta)] where !(0...1).contains(value) {
            throw UserError("\(name) must be between 0 and 1, not \(value)")
        }
        let start = start ?? model.coarsest
        try model.requireScale(start, "from")
        self.model = model
        self.alpha = alpha; self.beta = beta; self.start = start
        var z1: [Tensor] = [], z2: [Tensor] = []
        for scale in model.scales {
            let anchor = scale.reconstructionNoise
            z1.append(withoutGrad { anchor * 0.95 + noise(anchor.shape, gray: model.grayNoise(at: scale.index), using: &rng) * 0.05 })
            z2.append(anchor)
        }
        self.z1 = z1; self.z2 = z2
    }

    /// Z_k: z* at the coarsest scale, zeros elsewhere (the reference's Zs).
    private func anchor(_ k: Int) -> Tensor { model.scales[k].reconstructionNoise }

    /// Advances every scale's walk one step and renders the frame.
    public func nextFrame(using rng: inout RandomSource) -> Image {
        var current: [Tensor] = []
        for k in 0...model.coarsest {
            let anchor = anchor(k)
            let eps = noise(anchor.shape, gray: model.grayNoise(at: k), using: &rng)
            let z = withoutGrad {
                let d = (z1[k] - z2[k]) * beta + eps * (1 - beta)
                return anchor * alpha + (z1[k] + d) * (1 - alpha)
            }
            z2[k] = z1[k]; z1[k] = z
            current.append(k > start ? anchor : z)
        }
        frameCount += 1
        let out = model.frame(noises: current)
        return out.image()
    }
}
