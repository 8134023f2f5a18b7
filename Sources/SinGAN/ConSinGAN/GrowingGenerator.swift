import Tensor

/// ConSinGAN's one growing generator (docs/consingan.md, "generation" mode):
///
///     x_0 = stage_0(pad_{p-1}(up_{+2}(head(pad_1(z_0)))))
///     x_i = stage_i(up(x_{i-1}) to H_i + 2p, W_i + 2p) + sigma_i z_i) + up(x_{i-1}) to H_i x W_i
///     out = tanh(tail(pad_1(x_last)))
///
/// with z_0 a 3-channel image-sized noise (or z* = the coarsest real), z_i > 0 C-channel
/// noise of the padded size, `up` the bicubic (align corners) feature resize, p the padding
/// the stage's convs consume. The skip connection lives in feature space; only the tail
/// maps to an image. Stages are numbered coarse to fine here (0 = the coarsest).
public final class GrowingGenerator {
    public let width: Int
    public let head: StageBlock
    public private(set) var stages: [[StageBlock]] = []
    public let tail: Conv2d
    let settings: Settings
    /// The weight of the newest stage's residual: 1, except while the `fade` switch fades
    /// a new stage in (x_n = a stage_n(...) + up(x_{n-1}); FadeIn.swift).
    public var fade: Float = 1

    public init(settings s: Settings, using rng: inout RandomSource) {
        settings = s
        width = s.channels
        head = StageBlock.stage(3, width, settings: s, using: &rng)
        stages = [(0..<s.layers).map { _ in StageBlock.stage(s.channels, s.channels, settings: s, using: &rng) }]
        tail = Conv2d(width, 3, kernel: s.kernel, std: s.initStd, equalized: s.switches.equalizedLearningRate, using: &rng)
    }

    /// Appends a copy of the newest stage (`init_next_stage`).
    public func addStage() { stages.append(stages[stages.count - 1].map { $0.copy(settings: settings) }) }

    /// Drops the newest stage (a stage whose training was interrupted).
    public func removeStage() { stages.removeLast() }

    /// The size noise at stage i > 0 has for an output of `height` x `width`.
    func noiseShape(count: Int, height: Int, width w: Int) -> [Int] {
        let p = settings.stagePadding
        return [count, width, height + 2 * p, w + 2 * p]
    }

    /// Runs stages 0..<noises.count. `sizes[i]` is stage i's (height, width); `amps[i]` its
    /// noise amplitude (stage 0's noise enters unscaled, as in the reference).
    public func callAsFunction(_ noises: [Tensor], sizes: [(height: Int, width: Int)], amps: [Float]) -> Tensor {
        precondition(noises.count <= stages.count && noises.count == sizes.count && sizes.count == amps.count,
                     "growing generator called with \(noises.count) noises for \(stages.count) stages")
        return tail(features(noises, sizes: sizes, amps: amps).padded(1)).tanh()
    }

    /// The last stage's features (what the tail turns into an image).
    func features(_ noises: [Tensor], sizes: [(height: Int, width: Int)], amps: [Float]) -> Tensor {
        let p = settings.stagePadding, k = (settings.kernel - 1) / 2
        var x = head(noises[0].padded(k))
        x = x.bicubicResized(height: x.h + 2, width: x.w + 2).padded(p - 1)
        x = run(stage: 0, x)
        for i in 1..<noises.count {
            let (h, w) = sizes[i]
            let skip = x.bicubicResized(height: h, width: w)
            let input = x.bicubicResized(height: h + 2 * p, width: w + 2 * p) + noises[i] * amps[i]
            let residual = run(stage: i, input)
            x = (fade == 1 || i < stages.count - 1 ? residual : residual * fade) + skip
        }
        return x
    }

    private func run(stage i: Int, _ x: Tensor) -> Tensor { stages[i].reduce(x) { h, b in b(h) } }

    /// Every learnable tensor, named as in the model file.
    public var namedParameters: [(String, Tensor)] {
        var out = head.blockParameters.map { ("head.\($0.0)", $0.1) }
        for (i, stage) in stages.enumerated() {
            for (j, block) in stage.enumerated() { out += block.blockParameters.map { ("stage\(i).block\(j).\($0.0)", $0.1) } }
        }
        return out + [("tail.conv.weight", tail.weight), ("tail.conv.bias", tail.bias)]
    }

    /// Every BatchNorm's running statistics (empty without BatchNorm), named like the parameters.
    var namedStatistics: [(String, RunningStats)] {
        var blocks = [("head", head)]
        for (i, stage) in stages.enumerated() {
            for (j, block) in stage.enumerated() { blocks.append(("stage\(i).block\(j)", block)) }
        }
        return blocks.compactMap { name, block in block.norm.map { ("\(name).norm", $0.stats) } }
    }

    /// Batch statistics while training, running statistics when frozen.
    var training: Bool {
        get { head.blockTraining }
        set { head.blockTraining = newValue; for stage in stages { for b in stage { b.blockTraining = newValue } } }
    }
}
