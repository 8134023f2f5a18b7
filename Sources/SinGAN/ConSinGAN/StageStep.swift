import Glibc
import Tensor

/// A parameter group of the generator's optimizer: what it holds and its base rate.
struct LearningRateGroup {
    let name: String
    let parameters: [Tensor]
    let rate: Float
}

extension GrowingGenerator {
    /// The generator's optimizer groups while `stage` (0-based, the newest) trains
    /// (training_generation.py:93-104): the `depth` newest stages at lrg x lrScale^(steps
    /// below the newest), the head at lrg x lrScale^stage while stage < depth, the tail at
    /// lrg. Older stages are frozen (in no group).
    func learningRateGroups(stage: Int, settings s: Settings) -> [LearningRateGroup] {
        let c = s.consingan ?? ConSinGANSettings()
        var groups: [LearningRateGroup] = []
        for i in max(0, stage - c.trainDepth + 1)...stage {
            groups.append(LearningRateGroup(name: "stage\(i)", parameters: stages[i].flatMap { $0.blockParameters.map(\.1) },
                                            rate: s.learningRateG * pow(c.lrScale, Float(stage - i))))
        }
        if stage < c.trainDepth {
            groups.append(LearningRateGroup(name: "head", parameters: head.blockParameters.map(\.1),
                                            rate: s.learningRateG * pow(c.lrScale, Float(stage))))
        }
        groups.append(LearningRateGroup(name: "tail", parameters: [tail.weight, tail.bias], rate: s.learningRateG))
        return groups
    }
}

/// One stage's training state: the critic, the optimizers (one Adam per generator group,
/// which is what PyTorch's parameter groups are), the schedule, and the switches' losses
/// and fade-in (Sources/SinGAN/Switches, shared with the SinGAN recipe).
struct StageStep {
    let model: Model, k: Int, critic: StageCritic
    let generator: GrowingGenerator
    let groups: [(optimizer: Adam, base: Float)]
    let optD: Adam
    let scheduleD: MultiStepSchedule, milestone: Int
    let loss: CriticLoss, fade: FadeIn
    /// The coarser stage's real image resized to this stage, when the `fade` switch needs it.
    let coarserReal: Tensor?
    /// Fine-tuning (§12.4): stage 0 reads this image instead of noise, plus `inputNoise` x N(0, 1).
    var stageZeroInput: Tensor? = nil
    var inputNoise: Float = 0

    init(model: Model, k: Int, critic: StageCritic, iterations: Int, fadeIterations: Int = 0) {
        let s = model.settings
        guard let g = model.growing?.generator else { preconditionFailure("no growing generator") }
        self.model = model; self.k = k; self.critic = critic; generator = g
        groups = g.learningRateGroups(stage: model.stage(ofScale: k), settings: s).map {
            (Adam($0.parameters, learningRate: $0.rate, beta1: s.beta1, beta2: s.beta2), $0.rate)
        }
        optD = Adam(critic.parameters, learningRate: s.learningRateD, beta1: s.beta1, beta2: s.beta2)
        milestone = Int((Double(iterations) * s.decayAt).rounded())
        scheduleD = MultiStepSchedule(base: s.learningRateD, milestones: [milestone], gamma: s.decayFactor)
        loss = CriticLoss(settings: s)
        fade = FadeIn(iterations: k < model.coarsest ? fadeIterations : 0)
        let real = model.scales[k].real
        coarserReal = fade.iterations > 0 ? withoutGrad { model.scales[k + 1].real.bicubicResized(height: real.h, width: real.w) } : nil
    }

    /// One iteration: one noise draw (`batch` samples) for every stage; `dSteps` critic
    /// updates, each on a fresh pass (the last one recorded); then G's loss on that last
    /// fake plus alpha x the reconstruction MSE is backpropagated once and every G optimizer
    /// steps `gSteps` times with those gradients (training_generation.py:139-179).
    func iterate(_ iteration: Int, using rng: inout RandomSource) -> Losses {
        let s = model.settings, batch = s.switches.batch
        let decay = MultiStepSchedule(base: 1, milestones: [milestone], gamma: s.decayFactor).rate(at: iteration)
        for (optimizer, base) in groups { optimizer.learningRate = base * decay }
        optD.learningRate = scheduleD.rate(at: iteration)
        generator.fade = fade.factor(at: iteration)
        let real = coarserReal.map { FadeIn.blend(real: model.scales[k].real, coarser: $0, factor: generator.fade) }
            ?? model.scales[k].real
        let reals = real.repeatedAlongBatch(batch)
        let noises = sampleNoise(count: batch, using: &rng)
        var fake = reals, lossD: Float = 0
        for j in 0..<s.dSteps {
            fake = j == s.dSteps - 1 ? pass(noises) : withoutGrad { pass(noises) }
            lossD = criticStep(real: reals, fake: fake.detached(), alphas: (0..<batch).map { _ in rng.uniform() })
        }
        if s.dSteps == 0 { fake = pass(noises) }
        let errG = loss.generator(critic.critics, fake: fake, real: reals)
        let recLoss = mse(model.stageReconstruction(downTo: k), real) * s.reconstructionWeight
        for (optimizer, _) in groups { optimizer.zeroGrad() }
        (errG + recLoss).backward(leaves: groups.flatMap { $0.optimizer.parameters })
        for _ in 0..<s.gSteps {
            for (optimizer, _) in groups { optimizer.update() }
        }
        return Losses(discriminator: lossD, generator: errG.item, reconstruction: recLoss.item)
    }

    private func pass(_ noises: [Tensor]) -> Tensor {
        let ks = Array(stride(from: model.coarsest, through: k, by: -1))
        return generator(noises, sizes: ks.map { (model.scales[$0].height, model.scales[$0].width) },
                         amps: ks.map { model.scales[$0].noiseAmp })
    }

    private func sampleNoise(count: Int, using rng: inout RandomSource) -> [Tensor] {
        stride(from: model.coarsest, through: k, by: -1).map { j in
            if j == model.coarsest, let image = stageZeroInput {
                let input = image.expand(to: [count] + image.shape.dropFirst())
                return inputNoise > 0 ? withoutGrad { input + Tensor.normal(input.shape, using: &rng) * inputNoise } : input
            }
            return model.stageNoise(j, count: count, height: model.scales[j].height, width: model.scales[j].width,
                                    choice: .random, using: &rng)
        }
    }

    /// One critic update on CriticLoss's objective (WGAN-GP: -D(real) + D(fake) + lambda x
    /// gradient penalty, one mixing factor per fake; or the `loss` switch's). Returns the loss.
    private func criticStep(real: Tensor, fake: Tensor, alphas: [Float]) -> Float {
        optD.zeroGrad()
        let total = loss.discriminator(critic.critics, real: real, fake: fake, alphas: alphas)
        total.backward(leaves: optD.parameters)
        optD.update()
        return total.item
    }
}
