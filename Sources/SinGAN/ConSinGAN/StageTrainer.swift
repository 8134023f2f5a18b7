import Tensor

/// ConSinGAN training (docs/consingan.md, training_generation.py:59-200): stages
/// coarse to fine, each adding a copy of the newest stage to the one generator and training
/// the `trainDepth` newest stages together with scaled learning rates.
///
/// Ctrl-C between iterations restores the generator as it was before the interrupted stage,
/// so `train` continues from that stage later, as SinGAN's trainer does per scale.
struct StageTrainer {
    let trainer: Trainer
    var model: Model { trainer.model }

    func train(downTo finest: Int, iterations: Int?, using rng: inout RandomSource) throws -> TrainingOutcome {
        while let k = model.nextUntrained, k >= finest {
            let outcome = trainStage(k, iterations: iterations ?? model.settings.iterations, using: &rng)
            if outcome != .finished { return outcome }
            try trainer.scaleFinished(k)
        }
        return .finished
    }

    func trainStage(_ k: Int, iterations: Int, using rng: inout RandomSource) -> TrainingOutcome {
        precondition(k == model.coarsest || model.scales[k + 1].trained, "scale \(k + 1) is not trained")
        let s = model.settings, stage = model.stage(ofScale: k)
        let before = model.growing.map { GeneratorSnapshot($0.generator) }
        let nets = grow(stage, using: &rng)
        let real = model.scales[k].real
        let critic = StageCritic(width: s.channels, height: real.h, imageWidth: real.w, settings: s, using: &rng)
        if let previous = nets.critic { critic.load(from: previous) }
        prepareNoise(k, using: &rng)
        let step = StageStep(model: model, k: k, critic: critic, iterations: iterations,
                             fadeIterations: s.switches.fadeIterations)
        defer { nets.generator.fade = 1 }
        let start = monotonicSeconds()
        nets.generator.training = true
        for iteration in 0..<iterations {
            if trainer.shouldStop() {
                undo(stage, snapshot: before)
                return .interrupted(scale: k, iteration: iteration)
            }
            let losses = step.iterate(iteration, using: &rng)
            model.scales[k].losses = losses
            trainer.progress(TrainingProgress(scale: k, iteration: iteration + 1, iterations: iterations,
                                              losses: losses, seconds: monotonicSeconds() - start))
        }
        nets.generator.training = false
        nets.critic = critic
        model.scales[k].trained = true
        return .finished
    }

    /// The networks with a stage for `stage`: a new generator at stage 0, else a copy of the
    /// newest stage appended.
    private func grow(_ stage: Int, using rng: inout RandomSource) -> GrowingNetworks {
        guard stage > 0, let nets = model.growing else {
            let nets = GrowingNetworks(generator: GrowingGenerator(settings: model.settings, using: &rng))
            model.growing = nets
            return nets
        }
        precondition(nets.generator.stages.count == stage, "stage \(stage) after \(nets.generator.stages.count) stages")
        nets.generator.addStage()
        return nets
    }

    private func undo(_ stage: Int, snapshot: GeneratorSnapshot?) {
        guard let snapshot, let nets = model.growing else { model.growing = nil; return }
        nets.generator.removeStage()
        snapshot.restore(nets.generator)
    }

    /// z* and sigma of scale k: the coarsest real and 1 at stage 0; elsewhere fixed random
    /// noise and noiseAmp x RMSE of the reconstruction through the new stage with sigma 0.
    private func prepareNoise(_ k: Int, using rng: inout RandomSource) {
        let scale = model.scales[k]
        guard k < model.coarsest, let g = model.growing?.generator else {
            scale.noiseAmp = 1
            scale.reconstructionNoise = scale.real
            return
        }
        scale.reconstructionNoise = Tensor.normal(g.noiseShape(count: 1, height: scale.height, width: scale.width), using: &rng)
        scale.noiseAmp = 0
        let rec = withoutGrad { model.stageReconstruction(downTo: k) }
        scale.noiseAmp = model.settings.noiseAmp * withoutGrad { mse(rec, scale.real).item }.squareRoot()
    }
}

/// The generator's weights and statistics, to put back after an interrupted stage.
struct GeneratorSnapshot {
    let values: [[Float]]
    let statistics: [([Float], [Float])]

    init(_ g: GrowingGenerator) {
        values = g.namedParameters.map { $0.1.values }
        statistics = g.namedStatistics.map { ($0.1.mean, $0.1.variance) }
    }

    func restore(_ g: GrowingGenerator) {
        for ((_, tensor), saved) in zip(g.namedParameters, values) { tensor.pointer.update(from: saved, count: tensor.count) }
        for ((_, stats), saved) in zip(g.namedStatistics, statistics) { stats.mean = saved.0; stats.variance = saved.1 }
    }
}

extension Model {
    /// The reconstruction (z* at every stage) from the coarsest scale down to scale k,
    /// recorded for gradients when recording is on.
    func stageReconstruction(downTo k: Int) -> Tensor {
        guard let g = growing?.generator else { preconditionFailure("no growing generator") }
        let ks = Array(stride(from: coarsest, through: k, by: -1))
        return g(ks.map { scales[$0].reconstructionNoise }, sizes: ks.map { (scales[$0].height, scales[$0].width) },
                 amps: ks.map { scales[$0].noiseAmp })
    }
}
