import Tensor

/// One scale's training of a conditional model: SinGAN's schedule and losses (Trainer.swift's
/// ScaleStep), with the map's label channels beside the generator's input and the critics'
/// image, and every iteration on a random window of the pair (PairWindow). The
/// reconstruction term and the noise amplitude use the whole, unmirrored pair.
struct ConditionalStep {
    let model: Model, k: Int, g: Generator, d: Discriminator
    let zPrev: Tensor, zOpt: Tensor
    let opt: ScaleOptimizers
    let loss: CriticLoss
    /// The training map's label channels at scales k...coarsest (index j - k), uncropped.
    let labels: [Tensor]

    init(model: Model, k: Int, g: Generator, d: Discriminator, zPrev: Tensor, zOpt: Tensor, iterations: Int) {
        guard let conditioning = model.labels else { preconditionFailure("ConditionalStep on a model without labels") }
        let s = model.settings
        self.model = model; self.k = k; self.g = g; self.d = d; self.zPrev = zPrev; self.zOpt = zOpt
        opt = ScaleOptimizers(generator: g.stack.parameters, critic: d.parameters, settings: s, iterations: iterations)
        loss = CriticLoss(settings: s)
        labels = (k...model.coarsest).map { conditioning.oneHot(scale: $0, of: model) }
    }

    /// Why these settings cannot train a conditional model (nil: they can).
    static func problem(_ s: Settings) -> String? {
        if s.recipe != .singan { return "'train labels' works with the singan recipe only so far; use recipe singan" }
        if s.switches.fadeIterations > 0 { return "the fade switch does not work with 'train labels' yet; set fade 0" }
        return nil
    }

    /// One iteration on a fresh window: `dSteps` critic updates on fresh coarse samples,
    /// then `gSteps` generator updates, all with this iteration's noise.
    func iterate(_ iteration: Int, using rng: inout RandomSource) -> Losses {
        let s = model.settings, batch = s.switches.batch
        opt.schedule(iteration)
        let window = PairWindow.random(for: model, using: &rng)
        let reals = window.apply(model.scales[k].real, scale: k, of: model).repeatedAlongBatch(batch)
        let map = window.apply(labels[0], scale: k, of: model)
        let critics = LabelledCritic.wrap(d, labels: map.repeatedAlongBatch(batch))
        let z = noise(reals.shape, gray: k == model.coarsest, using: &rng)
        var prev = Tensor(zeros: reals.shape), lossD: Float = 0
        for _ in 0..<s.dSteps {
            prev = coarserOutput(window, count: batch, using: &rng)
            let fake = withoutGrad { model.conditionalStep(k, previous: prev, noise: z, labels: map) }
            lossD = discriminatorStep(critics, real: reals, fake: fake, alphas: (0..<batch).map { _ in rng.uniform() })
        }
        var lossG: Float = 0, lossRec: Float = 0
        for _ in 0..<s.gSteps {
            opt.g.zeroGrad()
            let errG = loss.generator(critics, fake: model.conditionalStep(k, previous: prev, noise: z, labels: map), real: reals)
            errG.backward(leaves: opt.g.parameters)
            let rec = mse(model.conditionalStep(k, previous: zPrev, noise: zOpt, labels: labels[0]), model.scales[k].real)
                * s.reconstructionWeight
            rec.backward(leaves: opt.g.parameters)
            opt.g.update()
            (lossG, lossRec) = (errG.item, rec.item)
        }
        return Losses(discriminator: lossD, generator: lossG, reconstruction: lossRec)
    }

    /// One critic update on CriticLoss's terms, each graph consumed before the next is built.
    private func discriminatorStep(_ critics: [Critic], real: Tensor, fake: Tensor, alphas: [Float]) -> Float {
        opt.d.zeroGrad()
        var total: Float = 0
        for term in loss.discriminatorTerms(critics, real: real, fake: fake, alphas: alphas) {
            let value = term()
            value.backward(leaves: opt.d.parameters)
            total += value.item
        }
        opt.d.update()
        return total
    }

    /// The trained coarser scales' output on the window, upsampled to it at scale k (zeros
    /// at the coarsest scale), with fresh noise.
    private func coarserOutput(_ window: PairWindow, count: Int, using rng: inout RandomSource) -> Tensor {
        let here = window.size(k, of: model)
        guard k < model.coarsest else { return Tensor(zeros: [count, 3, here.height, here.width]) }
        let top = window.size(model.coarsest, of: model)
        let coarse = model.conditionalRun(from: model.coarsest, to: k + 1, input: Tensor(zeros: [count, 3, top.height, top.width]),
                                          count: count, sizes: { window.size($0, of: model) },
                                          labels: { window.apply(labels[$0 - k], scale: $0, of: model) },
                                          noise: { _ in .random }, using: &rng)
        return withoutGrad { upsample(coarse, factor: model.scaleFactor, width: here.width, height: here.height) }
    }
}
