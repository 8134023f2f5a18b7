import Imaging
import Tensor

/// Animation (docs/applications.md): frames from a random walk in noise space around the
/// reconstruction noise (`NoiseWalk` holds the formula). Writing the GIF or the frame
/// folder is the caller's (Imaging.writeGIF, writeFrames).
///
/// The reference trains a separate model for animation (min size 20, noise drawn at the padded
/// size); we animate the ordinary model, which moves the same way but whose border pixels see
/// zero noise, as in every other sample.
public struct AnimationSettings: Equatable, Sendable {
    /// Number of frames (the reference writes 100 at 10 fps).
    public var frames = 100
    /// Pull back towards z*: 0 lets frames drift far, 1 freezes them (reference 0.1).
    public var alpha: Float = 0.1
    /// Momentum: near 1 the motion is smooth and slow, near 0 it jitters (reference writes
    /// 0.80, 0.85, 0.90 and 0.95).
    public var beta: Float = 0.9
    /// The coarsest scale whose noise moves (nil: the coarsest, so everything moves); finer
    /// values keep the layout and animate details only.
    public var from: Int? = nil

    public init(frames: Int = 100, alpha: Float = 0.1, beta: Float = 0.9, from: Int? = nil) {
        self.frames = frames; self.alpha = alpha; self.beta = beta; self.from = from
    }
}

extension Model {
    /// The frames of one animation.
    public func animate(_ settings: AnimationSettings = AnimationSettings(),
                        using rng: inout RandomSource) throws -> [Image] {
        guard (1...10_000).contains(settings.frames) else {
            throw UserError("frames must be 1 to 10000, not \(settings.frames)")
        }
        for (name, value) in [("alpha", settings.alpha), ("beta", settings.beta)] where !(0...1).contains(value) {
            throw UserError("\(name) must be between 0 and 1, not \(value)")
        }
        let walk = try NoiseWalk(model: self, alpha: settings.alpha, beta: settings.beta,
                                 from: settings.from, using: &rng)
        return (0..<settings.frames).map { _ in walk.nextFrame(using: &rng) }
    }
}
