// Knowing the time before training: `pyramid` and `train` state the estimated training
// time (counted FLOPs / the machine's calibrated speed, SinGAN/Estimate), and `train` warns
// before a long run. Only when `timeEstimates` is on (the command line), so that script
// output in tests does not depend on the machine.
import Script
import SinGAN

extension SGSSession {
    /// Runs estimated longer than this get a warning before they start.
    static let longRunSeconds = 30.0 * 60

    /// The calibrated speed for `model`'s recipe, or nil when estimates are off.
    func calibratedSpeed(_ model: Model) -> Double? {
        timeEstimates ? EngineSpeed.flopsPerSecond(model.recipe, channels: model.width(ofScale: 0)) : nil
    }

    /// `pyramid`: the time to train the whole new model with the current settings.
    func announceEstimate(_ model: Model) {
        guard let speed = calibratedSpeed(model) else { return }
        let training = trainingSettings(over: model.settings)
        let seconds = model.trainingFLOPs(iterations: training.iterations) / speed
        output.info("estimated training time: \(formatDuration(seconds)) (\(model.scales.count) scales x "
                    + "\(training.iterations) iterations, recipe \(model.recipe.rawValue), on this machine)")
    }

    /// `train`: the time for the scales this call trains, with a warning for a long run.
    func announceTraining(_ model: Model, to end: Int, iterations: Int?) -> Double? {
        guard let speed = calibratedSpeed(model), let next = model.nextUntrained else { return nil }
        let seconds = model.trainingFLOPs(from: next, to: end, iterations: iterations) / speed
        output.info("training scales \(next)...\(end): about \(formatDuration(seconds))")
        if seconds > SGSSession.longRunSeconds {
            output.info("warning: this run is estimated at \(formatDuration(seconds)), over 30 minutes; Ctrl-C stops it "
                        + "and keeps finished scales (preset workshop trains in about 3 minutes)")
        }
        return speed
    }
}

/// `45s`, `4m10s`, `2h05m`.
func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "?" }
    let whole = Int(seconds.rounded())
    if whole < 60 { return "\(whole)s" }
    if whole < 3600 { return "\(whole / 60)m" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)s" }
    return "\(whole / 3600)h" + (whole % 3600 / 60 < 10 ? "0" : "") + "\(whole % 3600 / 60)m"
}
