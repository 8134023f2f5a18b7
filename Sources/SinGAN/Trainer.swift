import Glibc
import Tensor

/// What the trainer reports after every iteration (for progress bars and logs).
public struct TrainingProgress: Sendable {
    public var scale: Int
    public var iteration: Int          // 1-based: iterations done at this scale
    public var iterations: Int
    public var losses: Losses
    public var seconds: Double         // since this scale started
}

/// How a training call ended.
public enum TrainingOutcome: Equatable, Sendable {
    case finished
    /// Stopped by the caller between iterations; the scale being trained was discarded and
    /// every finished scale kept, so `train` continues from that scale later.
    case interrupted(scale: Int, iteration: Int)
}

/// Trains scales coarse to fine as docs/singan.md describes, with one deliberate
/// change: the G steps recompute the fake each step instead of reusing the last D step's
/// graph (the reference's stale graph only ran on torch <= 1.4); see docs/singan.md.
public struct Trainer {
    public let model: Model
    /// Called after every iteration.
    public var progress: (TrainingProgress) -> Void = { _ in }
    /// Polled between iterations; true stops training at that point.
    public var shouldStop: () -> Bool = { false }
    /// Called after each finished scale (to checkpoint the model file).
    public var scaleFinished: (Int) throws -> Void = { _ in }

    public init(model: Model) { self.model = model }

    /// Trains every untrained scale from the coarsest down to `finest` (inclusive).
    public func train(downTo finest: Int = 0, iterations: Int? = nil, using rng: inout RandomSource) throws -> TrainingOutcome {
        while let k = model.nextUntrained, k >= finest {
            let outcome = trainScale(k, iterations: iterations ?? model.settings.iterations, using: &rng)
            if outcome != .finished { return outcome }
            try scaleFinished(k)
        }
        return .finished
    }

    /// Trains scale `k`, whose coarser scales must all be trained.
    public func trainScale(_ k: Int, iterations: Int, using rng: inout RandomSource) -> TrainingOutcome {
        precondition(k == model.coarsest || model.scales[k + 1].trained, "scale \(k + 1) is not trained")
        let scale = model.scales[k]
        let (g, d) = makeNets(k, using: &rng)
        let (zPrev, zOpt) = prepareNoise(k, using: &rng)
        let step = ScaleStep(model: model, k: k, g: g, d: d, zPrev: zPrev, zOpt: zOpt, iterations: iterations)
        let start = monotonicSeconds()

        for iteration in 0..<iterations {
            if shouldStop() {
                scale.generator = nil; scale.discriminator = nil
                return .interrupted(scale: k, iteration: iteration)
            }
            let losses = step.iterate(iteration, using: &rng)
            scale.losses = losses
            progress(TrainingProgress(scale: k, iteration: iteration + 1, iterations: iterations,
                                      losses: losses, seconds: monotonicSeconds() - start))
        }
        g.stack.training = false
        d.stack.training = false
        scale.trained = true
        return .finished
    }

    /// G and D for scale k, warm-started from scale k+1 when the width is unchanged.
    private func makeNets(_ k: Int, using rng: inout RandomSource) -> (Generator, Discriminator) {
        let s = model.settings, width = s.channels(atStep: model.coarsest - k)
        let g = Generator(width: width, settings: s, using: &rng)
        let d = Discriminator(width: width, settings: s, using: &rng)
        if k < model.coarsest, let gc = model.scales[k + 1].generator, let dc = model.scales[k + 1].discriminator,
           gc.width == width {
            g.stack.copyWeights(from: gc.stack)
            d.stack.copyWeights(from: dc.stack)
        }
        g.stack.training = true
        d.stack.training = true
        model.scales[k].generator = g
        model.scales[k].discriminator = d
        return (g, d)
    }

    /// The reconstruction input from the coarser scales, the noise amplitude and z*.
    private func prepareNoise(_ k: Int, using rng: inout RandomSource) -> (zPrev: Tensor, zOpt: Tensor) {
        let scale = model.scales[k]
        if k == model.coarsest {
            scale.noiseAmp = 1
            scale.reconstructionNoise = noise(scale.real.shape, gray: true, using: &rng)
        } else {
            let rec = model.coarserOutput(for: k, choice: .reconstruction, using: &rng)
            scale.noiseAmp = model.settings.noiseAmp * withoutGrad { mse(scale.real, rec).item }.squareRoot()
            scale.reconstructionNoise = Tensor(zeros: scale.real.shape)
            return (rec, scale.reconstructionNoise)
        }
        return (Tensor(zeros: scale.real.shape), scale.reconstructionNoise)
    }
}

/// One scale's training state: its nets, optimizers, schedules and fixed inputs.
private struct ScaleStep {
    let model: Model, k: Int, g: Generator, d: Discriminator
    let zPrev: Tensor, zOpt: Tensor
    let optG: Adam, optD: Adam
    let scheduleG: MultiStepSchedule, scheduleD: MultiStepSchedule

    init(model: Model, k: Int, g: Generator, d: Discriminator, zPrev: Tensor, zOpt: Tensor, iterations: Int) {
        let s = model.settings
        self.model = model; self.k = k; self.g = g; self.d = d; self.zPrev = zPrev; self.zOpt = zOpt
        optG = Adam(g.stack.parameters, learningRate: s.learningRateG, beta1: s.beta1, beta2: s.beta2)
        optD = Adam(d.stack.parameters, learningRate: s.learningRateD, beta1: s.beta1, beta2: s.beta2)
        let milestone = Int((Double(iterations) * s.decayAt).rounded())
        scheduleG = MultiStepSchedule(base: s.learningRateG, milestones: [milestone], gamma: s.decayFactor)
        scheduleD = MultiStepSchedule(base: s.learningRateD, milestones: [milestone], gamma: s.decayFactor)
    }

    /// One iteration: `dSteps` critic updates, each on a fresh coarse sample, then `gSteps`
    /// generator updates on the last of those samples, all with this iteration's noise.
    func iterate(_ iteration: Int, using rng: inout RandomSource) -> Losses {
        let s = model.settings, real = model.scales[k].real
        optG.learningRate = scheduleG.rate(at: iteration)
        optD.learningRate = scheduleD.rate(at: iteration)
        let z = noise(real.shape, gray: k == model.coarsest, using: &rng)
        var prev = zPrev, lossD: Float = 0
        for _ in 0..<s.dSteps {
            prev = model.coarserOutput(for: k, choice: .random, using: &rng)
            lossD = discriminatorStep(real: real, noise: z, previous: prev, alpha: rng.uniform())
        }
        var lossG: Float = 0, lossRec: Float = 0
        for _ in 0..<s.gSteps {
            (lossG, lossRec) = generatorStep(real: real, noise: z, previous: prev)
        }
        return Losses(discriminator: lossD, generator: lossG, reconstruction: lossRec)
    }

    /// One critic update: -D(real) + D(fake) + lambda * gradient penalty. Returns the loss.
    private func discriminatorStep(real: Tensor, noise z: Tensor, previous: Tensor, alpha: Float) -> Float {
        optD.zeroGrad()
        let fake = withoutGrad { model.step(k, previous: previous, noise: z) }
        let loss = -d(real).mean() + d(fake).mean() + gradientPenalty(real: real, fake: fake, alpha: alpha)
        loss.backward(leaves: optD.parameters)
        optD.update()
        return loss.item
    }

    /// lambda * mean over pixels of (|dD/dx^|_channels - 1)^2 at x^ = a real + (1 - a) fake.
    private func gradientPenalty(real: Tensor, fake: Tensor, alpha: Float) -> Tensor {
        let mixed = withoutGrad { real * alpha + fake * (1 - alpha) }
        mixed.requiresGrad = true
        let slope = gradients(of: d(mixed).sum(), wrt: [mixed], createGraph: true)[0]
        return (slope.channelNorm() - 1).square().mean() * model.settings.gpWeight
    }

    /// One generator update: -D(G(z)) + alpha * MSE(G(z*), real). Returns both terms.
    private func generatorStep(real: Tensor, noise z: Tensor, previous: Tensor) -> (Float, Float) {
        optG.zeroGrad()
        let errG = -d(model.step(k, previous: previous, noise: z)).mean()
        let rec = model.step(k, previous: zPrev, noise: zOpt)
        let recLoss = mse(rec, real) * model.settings.reconstructionWeight
        (errG + recLoss).backward(leaves: optG.parameters)
        optG.update()
        return (errG.item, recLoss.item)
    }
}

func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
