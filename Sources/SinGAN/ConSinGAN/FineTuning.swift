import Imaging
import Tensor

/// ConSinGAN's fine-tuning for harmonization and editing (docs/consingan.md,
/// main_train.py `--fine_tune`): the trained model's finest stage trains again (with the
/// two below it at the scaled rates, as in training) while stage 0 reads the naive image,
/// resized to the coarsest stage, instead of noise at every iteration (plus 0.1 x noise for
/// editing). The reconstruction term still uses the clean z*. Afterwards `harmonize` /
/// `edit` on this model redraw the naive image the way it learned.
extension Trainer {
    public func fineTune(on image: Image, iterations: Int, editing: Bool, using rng: inout RandomSource) throws -> TrainingOutcome {
        guard model.recipe == .consingan, let nets = model.growing, let saved = nets.critic else {
            throw UserError("fine-tuning is ConSinGAN's (recipe consingan); a SinGAN model injects the image at a coarse scale instead (harmonize ... at K)")
        }
        try model.requireTrained(downTo: 0)
        guard iterations >= 1 else { throw UserError("'iters' must be at least 1, got \(iterations)") }
        guard !image.isEmpty else { throw UserError("the image is empty") }
        let coarse = model.scales[model.coarsest]
        let input = Tensor(resize(image, width: coarse.width, height: coarse.height, mode: .clamped))
        let before = GeneratorSnapshot(nets.generator)
        let finest = model.scales[0].real
        let critic = StageCritic(width: model.settings.channels, height: finest.h, imageWidth: finest.w,
                                 settings: model.settings, using: &rng)
        critic.load(from: saved)
        var step = StageStep(model: model, k: 0, critic: critic, iterations: iterations)
        step.stageZeroInput = input
        step.inputNoise = editing ? 0.1 : 0
        let start = monotonicSeconds()
        nets.generator.training = true
        defer { nets.generator.training = false }
        for iteration in 0..<iterations {
            if shouldStop() {
                before.restore(nets.generator)
                return .interrupted(scale: 0, iteration: iteration)
            }
            let losses = step.iterate(iteration, using: &rng)
            progress(TrainingProgress(scale: 0, iteration: iteration + 1, iterations: iterations, losses: losses,
                                      seconds: monotonicSeconds() - start))
        }
        nets.critic = critic
        return .finished
    }
}
