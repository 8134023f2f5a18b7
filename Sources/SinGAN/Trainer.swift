import Imaging
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
        if let problem = model.settings.switches.problem { throw UserError(problem) }
        if model.labels != nil, let problem = ConditionalStep.problem(model.settings) { throw UserError(problem) }
        if model.recipe == .consingan {
            return try StageTrainer(trainer: self).train(downTo: finest, iterations: iterations, using: &rng)
        }
        while let k = model.nextUntrained, k >= finest {
            let outcome = trainScale(k, iterations: iterations ?? model.settings.iterations, using: &rng)
            if outcome != .finished { return outcome }
            model.randomState = rng.state
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
        let iterate: (Int, inout RandomSource) -> Losses
        if model.labels != nil {  // a conditional model (Conditional/ConditionalStep.swift)
            iterate = ConditionalStep(model: model, k: k, g: g, d: d, zPrev: zPrev, zOpt: zOpt, iterations: iterations).iterate
        } else {
            iterate = ScaleStep(model: model, k: k, g: g, d: d, zPrev: zPrev, zOpt: zOpt, iterations: iterations).iterate
        }
        let start = monotonicSeconds()
        scale.lossHistory = []
        scale.lossHistory.reserveCapacity(iterations)

        for iteration in 0..<iterations {
            if shouldStop() {
                scale.generator = nil; scale.discriminator = nil
                return .interrupted(scale: k, iteration: iteration)
            }
            let losses = iterate(iteration, &rng)
            scale.losses = losses
            scale.lossHistory.append(losses)
            progress(TrainingProgress(scale: k, iteration: iteration + 1, iterations: iterations,
                                      losses: losses, seconds: monotonicSeconds() - start))
        }
        g.stack.training = false
        g.fade = 1
        d.training = false
        scale.trained = true
        return .finished
    }

    /// G and D for scale k, warm-started from scale k+1 when the width is unchanged.
    private func makeNets(_ k: Int, using rng: inout RandomSource) -> (Generator, Discriminator) {
        let s = model.settings, width = s.channels(atStep: model.coarsest - k)
        let real = model.scales[k].real
        let g = Generator(width: width, settings: s, labelChannels: model.labelChannels, using: &rng)
        let d = Discriminator(width: width, settings: s, critics: Discriminator.criticCount(height: real.h, width: real.w, settings: s),
                              labelChannels: model.labelChannels, using: &rng)
        if k < model.coarsest, let gc = model.scales[k + 1].generator, let dc = model.scales[k + 1].discriminator,
           gc.width == width {
            g.stack.copyWeights(from: gc.stack)
            d.copyWeights(from: dc)
        }
        g.stack.training = true
        d.training = true
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
    let opt: ScaleOptimizers
    let loss: CriticLoss, fade: FadeIn
    /// The coarser scale's real image upsampled to this scale, when the `fade` switch needs it.
    let coarserReal: Tensor?

    init(model: Model, k: Int, g: Generator, d: Discriminator, zPrev: Tensor, zOpt: Tensor, iterations: Int) {
        let s = model.settings
        self.model = model; self.k = k; self.g = g; self.d = d; self.zPrev = zPrev; self.zOpt = zOpt
        opt = ScaleOptimizers(generator: g.stack.parameters, critic: d.parameters, settings: s, iterations: iterations)
        loss = CriticLoss(settings: s)
        fade = FadeIn(iterations: k < model.coarsest ? s.switches.fadeIterations : 0)
        let real = model.scales[k].real
        coarserReal = fade.iterations > 0
            ? upsample(model.scales[k + 1].real, factor: model.scaleFactor, width: real.w, height: real.h) : nil
    }

    /// One iteration: `dSteps` critic updates, each on fresh coarse samples (`batch` of them),
    /// then `gSteps` generator updates on the last of those, all with this iteration's noise.
    func iterate(_ iteration: Int, using rng: inout RandomSource) -> Losses {
        let s = model.settings, batch = s.switches.batch
        opt.schedule(iteration)
        g.fade = fade.factor(at: iteration)
        let real = coarserReal.map { FadeIn.blend(real: model.scales[k].real, coarser: $0, factor: g.fade) } ?? model.scales[k].real
        let reals = real.repeatedAlongBatch(batch)
        let z = noise(reals.shape, gray: k == model.coarsest, using: &rng)
        var prev = zPrev, lossD: Float = 0
        for _ in 0..<s.dSteps {
            prev = model.coarserOutput(for: k, choice: .random, count: batch, using: &rng)
            lossD = discriminatorStep(real: reals, noise: z, previous: prev, alphas: (0..<batch).map { _ in rng.uniform() })
        }
        var lossG: Float = 0, lossRec: Float = 0
        for _ in 0..<s.gSteps {
            (lossG, lossRec) = generatorStep(real: real, reals: reals, noise: z, previous: prev)
        }
        return Losses(discriminator: lossD, generator: lossG, reconstruction: lossRec)
    }

    /// One critic update on the loss of CriticLoss (WGAN-GP: -D(real) + D(fake) + lambda *
    /// gradient penalty, with one mixing factor per fake). Returns the loss.
    private func discriminatorStep(real: Tensor, noise z: Tensor, previous: Tensor, alphas: [Float]) -> Float {
        opt.d.zeroGrad()
        let fake = withoutGrad { model.step(k, previous: previous, noise: z) }
        // Each term's graph is consumed before the next one is built (peak memory: one critic
        // graph at a time); the gradients add up in the critic's leaves.
        var total: Float = 0
        for term in loss.discriminatorTerms(d, real: real, fake: fake, alphas: alphas) {
            let value = term()
            value.backward(leaves: opt.d.parameters)
            total += value.item
        }
        opt.d.update()
        return total
    }

    /// One generator update: adversarial (WGAN-GP: -D(G(z))) + alpha * MSE(G(z*), real).
    /// Returns both terms.
    private func generatorStep(real: Tensor, reals: Tensor, noise z: Tensor, previous: Tensor) -> (Float, Float) {
        opt.g.zeroGrad()
        let errG = loss.generator(d, fake: model.step(k, previous: previous, noise: z), real: reals)
        errG.backward(leaves: opt.g.parameters)  // consumed before the reconstruction graph exists
        let recLoss = mse(model.step(k, previous: zPrev, noise: zOpt), real) * model.settings.reconstructionWeight
        recLoss.backward(leaves: opt.g.parameters)
        opt.g.update()
        return (errG.item, recLoss.item)
    }
}

public func monotonicSeconds() -> Double { seconds(on: CLOCK_MONOTONIC) }

/// CPU seconds of the whole process (every thread): what it computed, whoever else ran.
public func processCPUSeconds() -> Double { seconds(on: CLOCK_PROCESS_CPUTIME_ID) }

private func seconds(on clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
