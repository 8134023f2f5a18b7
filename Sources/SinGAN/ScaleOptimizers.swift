import Tensor

/// A scale's two Adam optimizers under SinGAN's step schedule: both learning rates fall by
/// `decayFactor` once `decayAt` of the scale's iterations are done. The plain and the
/// conditional scale steps train with it.
struct ScaleOptimizers {
    let g: Adam, d: Adam
    private let scheduleG: MultiStepSchedule, scheduleD: MultiStepSchedule

    init(generator: [Tensor], critic: [Tensor], settings s: Settings, iterations: Int) {
        g = Adam(generator, learningRate: s.learningRateG, beta1: s.beta1, beta2: s.beta2)
        d = Adam(critic, learningRate: s.learningRateD, beta1: s.beta1, beta2: s.beta2)
        let milestone = Int((Double(iterations) * s.decayAt).rounded())
        scheduleG = MultiStepSchedule(base: s.learningRateG, milestones: [milestone], gamma: s.decayFactor)
        scheduleD = MultiStepSchedule(base: s.learningRateD, milestones: [milestone], gamma: s.decayFactor)
    }

    /// Both learning rates for this iteration.
    func schedule(_ iteration: Int) {
        g.learningRate = scheduleG.rate(at: iteration)
        d.learningRate = scheduleD.rate(at: iteration)
    }
}
