import Tensor

/// PGGAN's fade-in as a switch (`fade K`): while a new scale trains, its generator's
/// residual is weighted by a factor rising linearly from 1/K to 1 over its first K
/// iterations, out = up(prev) + a * residual, and what the critics and the reconstruction
/// loss compare it with is faded the same way: (1 - a) up(coarser real) + a real, as
/// PGGAN's D sees a blend of the upsampled lower resolution. The coarsest scale has no
/// coarser output to fade from and trains as usual.
public struct FadeIn {
    public let iterations: Int

    public init(iterations: Int) { self.iterations = iterations }

    /// a at 0-based iteration i: min(1, (i + 1) / K), or 1 when the switch is off.
    public func factor(at iteration: Int) -> Float {
        iterations <= 0 ? 1 : min(1, Float(iteration + 1) / Float(iterations))
    }

    /// (1 - a) coarser + a real; `real` itself when a is 1.
    public static func blend(real: Tensor, coarser: Tensor, factor a: Float) -> Tensor {
        a >= 1 ? real : withoutGrad { coarser * (1 - a) + real * a }
    }
}

extension Tensor {
    /// The same image `n` times: [1, C, H, W] -> [n, C, H, W] (the real image, matched to a
    /// batch of fakes). No history: it is a training target.
    func repeatedAlongBatch(_ n: Int) -> Tensor {
        guard n > 1 else { return self }
        let out = Tensor(uninitialized: [n, shape[1], shape[2], shape[3]])
        for b in 0..<n { (out.pointer + b * count).update(from: pointer, count: count) }
        return out
    }
}
