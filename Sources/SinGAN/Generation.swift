import Tensor

/// What drives one scale of a pyramid pass.
public enum NoiseChoice {
    /// Fresh noise (gray at the coarsest scale, as the reference draws it).
    case random
    /// The fixed reconstruction noise z* (zeros below the coarsest scale).
    case reconstruction
}

/// Noise maps, gray (one channel copied to RGB) at the coarsest scale as in the reference.
func noise(_ shape: [Int], gray: Bool, using rng: inout RandomSource) -> Tensor {
    guard gray else { return Tensor.normal(shape, using: &rng) }
    return Tensor.normal([shape[0], 1, shape[2], shape[3]], using: &rng).expand(to: shape).detached()
}

extension Model {
    /// Scale k's noise for a pass of `shape`: fresh (gray at the coarsest scale) or the fixed z*.
    func scaleNoise(_ k: Int, shape: [Int], choice: NoiseChoice, using rng: inout RandomSource) -> Tensor {
        switch choice {
        case .random: return noise(shape, gray: k == coarsest, using: &rng)
        case .reconstruction:
            // z* exists at the training size only; callers refuse other sizes for reconstructions.
            precondition(shape.dropFirst().elementsEqual(scales[k].real.shape.dropFirst()), "reconstruction noise at another size")
            return scales[k].reconstructionNoise.expand(to: shape)
        }
    }

    /// Runs G_k once: x_k = G_k(pad(sigma_k z + prev), pad(prev)). `previous` has scale k's
    /// (possibly resized) size; `z` the same.
    func step(_ k: Int, previous: Tensor, noise z: Tensor) -> Tensor {
        guard let g = scales[k].generator else { preconditionFailure("scale \(k) has no generator") }
        let p = settings.padding
        let prev = previous.padded(p)
        return g((z * scales[k].noiseAmp).padded(p) + prev, previous: prev)
    }

    /// The size of scale `k` for outputs stretched by (sx, sy), rounded as the reference does.
    func size(_ k: Int, stretch: (x: Double, y: Double)) -> (width: Int, height: Int) {
        let s = scales[k]
        return (max(1, Int((Double(s.width) * stretch.x).rounded(.toNearestOrEven))),
                max(1, Int((Double(s.height) * stretch.y).rounded(.toNearestOrEven))))
    }

    /// Runs the frozen generators from scale `start` down to scale `end` (inclusive) and
    /// returns scale `end`'s output. `input` is the image fed into `start` (zeros for a plain
    /// sample); `choice(k)` picks the noise at each scale. No history is recorded.
    public func run(from start: Int, to end: Int, input: Tensor, count: Int = 1,
                    stretch: (x: Double, y: Double) = (1, 1),
                    noise choice: (Int) -> NoiseChoice, using rng: inout RandomSource) -> Tensor {
        if growing != nil {
            return growingRun(from: start, to: end, input: input, count: count, stretch: stretch, noise: choice, using: &rng)
        }
        if let labels {
            return conditionalRun(labels, from: start, to: end, input: input, count: count, stretch: stretch, noise: choice, using: &rng)
        }
        return withoutGrad {
            var previous = input
            var out = input
            for k in stride(from: start, through: end, by: -1) {
                if k != start {
                    let (w, h) = size(k, stretch: stretch)
                    previous = upsample(out, factor: scaleFactor, width: w, height: h)
                }
                let z = scaleNoise(k, shape: [count, 3, previous.h, previous.w], choice: choice(k), using: &rng)
                out = step(k, previous: previous, noise: z)
            }
            return out
        }
    }

    /// The input of scale `k` from the trained coarser scales, upsampled to scale k:
    /// zeros at the coarsest scale (`draw_concat` of the reference).
    /// `count` images side by side (the `batch` switch).
    func coarserOutput(for k: Int, choice: NoiseChoice, count: Int = 1, using rng: inout RandomSource) -> Tensor {
        guard k < coarsest else { return Tensor(zeros: batched(scales[k].real.shape, count)) }
        let coarse = run(from: coarsest, to: k + 1, input: Tensor(zeros: batched(scales[coarsest].real.shape, count)),
                         count: count, noise: { _ in choice }, using: &rng)
        return withoutGrad { upsample(coarse, factor: scaleFactor, width: scales[k].width, height: scales[k].height) }
    }
}

/// `shape` with its batch axis set to `count`.
private func batched(_ shape: [Int], _ count: Int) -> [Int] { [count] + shape.dropFirst() }
