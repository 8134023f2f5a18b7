/// Every number SinGAN training uses, with the paper's values as defaults
/// (docs/singan.md). Settings are saved in model files and shown by `show settings`.
public struct Settings: Equatable, Codable, Sendable {
    // Pyramid (§3)
    public var minSize = 25            // shorter side at the coarsest scale
    public var maxSize = 250           // longer side at the finest scale
    public var scaleFactor = 0.75      // initial factor; re-fitted per image
    public var scales: Int? = nil      // force the number of scales (nil: computed)

    // Networks (§2)
    public var channels = 32           // nfc at the coarsest scales
    public var maxChannels = 128       // width cap
    public var doubleEvery = 4         // width doubles every this many scales
    public var layers = 5              // convs per G and D
    public var kernel = 3
    public var initStd: Float = 0.02
    public var leakySlope: Float = 0.2

    // Training (§6)
    public var iterations = 2000       // per scale
    public var learningRateG: Float = 5e-4
    public var learningRateD: Float = 5e-4
    public var beta1: Float = 0.5
    public var beta2: Float = 0.999
    public var decayAt = 0.8           // fraction of the iterations where the rate drops
    public var decayFactor: Float = 0.1
    public var dSteps = 3
    public var gSteps = 3
    public var gpWeight: Float = 0.1   // lambda of WGAN-GP
    public var reconstructionWeight: Float = 10  // alpha
    public var noiseAmp: Float = 0.1   // noise amplitude = noiseAmp * RMSE of the upsampled reconstruction

    // PGGAN and pix2pixHD techniques (read them as `switches`, Switches/Switches.swift);
    // nil while all are off, so such settings encode exactly as before the switches.
    public var trainingSwitches: Switches? = nil
    // Recipe: nil trains SinGAN; set, ConSinGAN with these settings (ConSinGAN/Recipe.swift).
    // Optional so that SinGAN settings encode exactly as before.
    public var consingan: ConSinGANSettings? = nil

    public init() {}

    /// Padding per side for the unpadded convs: (kernel - 1) * layers / 2 (5 by default).
    public var padding: Int { (kernel - 1) * layers / 2 }

    /// The receptive field of G and D in pixels (11 by default).
    public var receptiveField: Int { kernel + (kernel - 1) * (layers - 1) }

    /// Width of the nets at a training step (0 = coarsest): doubles every `doubleEvery` steps.
    public func channels(atStep step: Int) -> Int {
        min(channels << (step / max(doubleEvery, 1)), max(maxChannels, channels))
    }

    /// The iteration at which the learning rate drops (1600 of 2000).
    public var decayIteration: Int { Int((Double(iterations) * decayAt).rounded()) }
}
