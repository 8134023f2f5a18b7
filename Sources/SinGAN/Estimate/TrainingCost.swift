import Tensor

/// How much arithmetic training takes, counted from the networks' conv shapes, so that a
/// measured speed (EngineSpeed) turns it into seconds before training starts.
///
/// A conv's forward pass costs 2 k^2 Cin Cout Hout Wout FLOPs. An iteration's cost is a
/// count of forward-pass equivalents per net: a critic step with the gradient penalty is
/// about `criticStep` critic passes (three forwards, the penalty's input gradient, the
/// weight gradients of the real and fake terms, the double backward of the penalty); a
/// generator pass with its backward is three. Only conv arithmetic is counted; the
/// calibration runs a real iteration, so the rest (BatchNorm, resizing, Adam) is folded
/// into the measured speed.
///
/// The switches scale the count: `batch` B runs every critic step and the generator's fake
/// B times (the reconstruction once); `dscales` adds the pooled critics (each about a
/// quarter of the one before); feature matching (`fm`) adds the critics' forward pass on
/// the real image in every generator step.
public enum TrainingCost {
    static let criticStep = 12.0
    static let withBackward = 3.0

    /// FLOPs of one conv stack run on an `height` x `width` input without padding:
    /// channels[i] -> channels[i + 1] per layer.
    static func stack(channels: [Int], kernel: Int, height: Int, width: Int) -> Double {
        var total = 0.0, h = height, w = width
        for (cin, cout) in zip(channels, channels.dropFirst()) {
            h -= kernel - 1; w -= kernel - 1
            guard h > 0, w > 0 else { break }
            total += 2 * Double(kernel * kernel * cin * cout) * Double(h * w)
        }
        return total
    }
}

extension Model {
    /// FLOPs of one training iteration at scale k under this model's settings.
    public func iterationFLOPs(atScale k: Int) -> Double {
        recipe == .consingan ? stageIterationFLOPs(k) : scaleIterationFLOPs(k)
    }

    /// FLOPs of training every scale from `from` down to `to` with `iterations` each.
    public func trainingFLOPs(from start: Int? = nil, to end: Int = 0, iterations: Int? = nil) -> Double {
        let start = start ?? coarsest
        guard start >= end else { return 0 }
        return (end...start).reduce(0) { $0 + iterationFLOPs(atScale: $1) } * Double(iterations ?? settings.iterations)
    }

    /// SinGAN (Trainer): per D step a critic step and a pass of every coarser generator;
    /// per G step the fake and the reconstruction with backward, and the critic on the fake
    /// with its input gradient.
    private func scaleIterationFLOPs(_ k: Int) -> Double {
        let s = settings
        func generator(_ j: Int) -> Double {
            let c = width(ofScale: j), p = s.padding
            return TrainingCost.stack(channels: [3] + Array(repeating: c, count: s.layers - 1) + [3], kernel: s.kernel,
                                      height: scales[j].height + 2 * p, width: scales[j].width + 2 * p)
        }
        let c = width(ofScale: k)
        let critic = critics(channels: [3] + Array(repeating: c, count: s.layers - 1) + [1], atScale: k)
        let coarser = k < coarsest ? ((k + 1)...coarsest).reduce(0) { $0 + generator($1) } : 0
        let batch = Double(s.switches.batch)
        let dStep = batch * (TrainingCost.criticStep * critic + coarser + generator(k))
        let gStep = (batch + 1) * TrainingCost.withBackward * generator(k) + batch * (2 + featureMatchingPasses) * critic
        return Double(s.dSteps) * dStep + Double(s.gSteps) * gStep
    }

    /// FLOPs of one forward pass of every critic of scale k (`dscales`: the image pooled
    /// once, twice, ... for the critics after the first).
    private func critics(channels: [Int], atScale k: Int) -> Double {
        var h = scales[k].height, w = scales[k].width, total = 0.0
        for _ in 0..<Discriminator.criticCount(height: h, width: w, settings: settings) {
            total += TrainingCost.stack(channels: channels, kernel: settings.kernel, height: h, width: w)
            (h, w) = (averagePoolLength(h), averagePoolLength(w))
        }
        return total
    }

    /// Feature matching runs the critics on the real image in each generator step.
    private var featureMatchingPasses: Double { settings.switches.featureMatchingWeight != 0 ? 1 : 0 }

    /// ConSinGAN (StageStep): per D step a critic step and a pass of the whole generator;
    /// then the fake and the reconstruction with backward (the whole pass counted, which
    /// overcounts the frozen stages' share, small at low resolution), one backward only.
    private func stageIterationFLOPs(_ k: Int) -> Double {
        let s = settings, c = s.channels, p = s.stagePadding
        var pass = 0.0
        for j in stride(from: coarsest, through: k, by: -1) {
            let h = scales[j].height, w = scales[j].width
            if j == coarsest { pass += TrainingCost.stack(channels: [3, c], kernel: s.kernel, height: h + 2, width: w + 2) }
            pass += TrainingCost.stack(channels: Array(repeating: c, count: s.layers + 1), kernel: s.kernel,
                                       height: h + 2 * p, width: w + 2 * p)
        }
        pass += TrainingCost.stack(channels: [c, 3], kernel: s.kernel, height: scales[k].height + 2, width: scales[k].width + 2)
        let critic = critics(channels: [3] + Array(repeating: c, count: s.layers + 1) + [1], atScale: k)
        let batch = Double(s.switches.batch)
        return Double(s.dSteps) * batch * (TrainingCost.criticStep * critic + pass)
            + (batch + 1) * TrainingCost.withBackward * pass + batch * (2 + featureMatchingPasses) * critic
    }
}
