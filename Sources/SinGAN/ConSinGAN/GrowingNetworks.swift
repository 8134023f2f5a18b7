import Imaging
import Tensor

/// A ConSinGAN model's networks: the growing generator (one stage per trained scale) and
/// the critic of the newest trained stage, which the next stage's critic starts from.
/// Per-scale noise amplitudes and reconstruction noise live in `Model.scales` as for SinGAN.
public final class GrowingNetworks {
    public let generator: GrowingGenerator
    public var critic: StageCritic?

    public init(generator: GrowingGenerator, critic: StageCritic? = nil) {
        self.generator = generator
        self.critic = critic
    }
}

extension Model {
    /// Which recipe made this model.
    public var recipe: Recipe { settings.recipe }

    /// Stage number (0 = coarsest) of scale k (0 = finest).
    func stage(ofScale k: Int) -> Int { coarsest - k }

    /// ConSinGAN's pass behind `run`: every stage from the coarsest down to scale `end`.
    /// With `start` below the coarsest, `input` is an injected image: it enters stage 0 in
    /// place of z* (resized to the coarsest size, as the reference's imresize_to_shape), the
    /// scales coarser than `start` keep their reconstruction noise, and `choice` picks the
    /// noise from `start` down (docs/consingan.md's harmonization and editing path).
    func growingRun(from start: Int, to end: Int, input: Tensor, count: Int, stretch: (x: Double, y: Double),
                    noise choice: (Int) -> NoiseChoice, using rng: inout RandomSource) -> Tensor {
        guard let g = growing?.generator else { preconditionFailure("a ConSinGAN model without its generator") }
        var noises: [Tensor] = [], sizes: [(height: Int, width: Int)] = [], amps: [Float] = []
        for k in stride(from: coarsest, through: end, by: -1) {
            let (w, h) = size(k, stretch: stretch)
            sizes.append((h, w)); amps.append(scales[k].noiseAmp)
            if k == coarsest, start < coarsest {
                let image = input.h == h && input.w == w ? input
                    : Tensor(resize(input.image(), width: w, height: h, mode: .clamped))
                noises.append(image.expand(to: [count, 3, h, w]))
            } else {
                noises.append(stageNoise(k, count: count, height: h, width: w,
                                         choice: k > start ? .reconstruction : choice(k), using: &rng))
            }
        }
        return withoutGrad { g(noises, sizes: sizes, amps: amps) }
    }

    /// Scale k's noise: z* or a fresh draw (3 channels at the coarsest scale, the generator's
    /// width and padded size elsewhere; never gray, unlike SinGAN's coarsest noise).
    func stageNoise(_ k: Int, count: Int, height h: Int, width w: Int, choice: NoiseChoice,
                    using rng: inout RandomSource) -> Tensor {
        switch choice {
        case .reconstruction:
            precondition(h == scales[k].height && w == scales[k].width, "reconstruction noise at a stretched size")
            let z = scales[k].reconstructionNoise
            return z.expand(to: [count] + z.shape.dropFirst())
        case .random:
            guard k < coarsest, let g = growing?.generator else { return Tensor.normal([count, 3, h, w], using: &rng) }
            return Tensor.normal(g.noiseShape(count: count, height: h, width: w), using: &rng)
        }
    }

    /// The image one full pass makes from per-scale noise maps (`noises[k]` for scale k),
    /// for either recipe (`walk z`).
    func frame(noises: [Tensor]) -> Tensor {
        if let g = growing?.generator {
            let ks = Array(stride(from: coarsest, through: 0, by: -1))
            return withoutGrad {
                g(ks.map { noises[$0] }, sizes: ks.map { (scales[$0].height, scales[$0].width) }, amps: ks.map { scales[$0].noiseAmp })
            }
        }
        var out = Tensor(zeros: scales[coarsest].real.shape)
        withoutGrad {
            for k in stride(from: coarsest, through: 0, by: -1) {
                let s = scales[k]
                let prev = k == coarsest ? out : upsample(out, factor: scaleFactor, width: s.width, height: s.height)
                out = step(k, previous: prev, noise: noises[k])
            }
        }
        return out
    }

    /// Whether scale k's fresh noise is gray (SinGAN's coarsest scale only).
    func grayNoise(at k: Int) -> Bool { recipe == .singan && k == coarsest }
}

extension Model {
    /// The conv width at scale k: ConSinGAN's is constant; SinGAN's doubles every few scales.
    public func width(ofScale k: Int) -> Int {
        if recipe == .consingan { return settings.channels }
        return scales[k].generator?.width ?? settings.channels(atStep: coarsest - k)
    }
}
