/// The PGGAN and pix2pixHD techniques a teacher can turn on, train again and compare
/// (docs/singan.md, "Training switches"). Every one is off by default, and with all of
/// them off training is exactly the SinGAN recipe. They are part of `Settings` (so model
/// files record them, as `trainingSwitches` in the settings JSON, only when one is on); a
/// file without them loads with them all off.
public struct Switches: Equatable, Codable, Sendable {
    // PGGAN (Karras et al., ICLR 2018)
    /// Fade a new scale's generator residual in over this many iterations (0: off).
    public var fadeIterations = 0
    /// The normalisation in the generator's blocks.
    public var generatorNorm = BlockNorm.batch
    /// Weights ~ N(0, 1) scaled at run time by sqrt(2 / fan_in), in G and D.
    public var equalizedLearningRate = false
    /// D appends the minibatch standard deviation as a feature before its last conv.
    public var minibatchStddev = false
    /// Fakes per D and G step (the real image is repeated to match).
    public var batch = 1

    // pix2pixHD (Wang et al., CVPR 2018)
    /// Critics per scale, on the image at full, 1/2, 1/4, ... resolution.
    public var criticScales = 1
    /// Weight of the feature-matching loss in G's objective (0: off).
    public var featureMatchingWeight: Float = 0
    /// The adversarial loss.
    public var loss = CriticLossKind.wgangp

    public init() {}

    /// Why these switches cannot train, worded for users (nil when they can).
    public var problem: String? {
        if minibatchStddev && batch < 2 {
            return "the minibatch standard deviation needs several fakes per step: set batch 4 (or set mbstd false)"
        }
        return nil
    }

    /// The switches that are on, as settings a user would type (`none` when all are off).
    public var summary: String {
        var on: [String] = []
        if fadeIterations > 0 { on.append("fade \(fadeIterations)") }
        if generatorNorm != .batch { on.append("norm \(generatorNorm.rawValue)") }
        if equalizedLearningRate { on.append("eqlr true") }
        if minibatchStddev { on.append("mbstd true") }
        if batch != 1 { on.append("batch \(batch)") }
        if criticScales != 1 { on.append("dscales \(criticScales)") }
        if featureMatchingWeight != 0 { on.append("fm \(featureMatchingWeight)") }
        if loss != .wgangp { on.append("loss \(loss.rawValue)") }
        return on.isEmpty ? "none" : on.joined(separator: ", ")
    }

    // Each field is optional in a file, so switches added later still read older files.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Switches()
        fadeIterations = try c.decodeIfPresent(Int.self, forKey: .fadeIterations) ?? d.fadeIterations
        generatorNorm = try c.decodeIfPresent(BlockNorm.self, forKey: .generatorNorm) ?? d.generatorNorm
        equalizedLearningRate = try c.decodeIfPresent(Bool.self, forKey: .equalizedLearningRate) ?? d.equalizedLearningRate
        minibatchStddev = try c.decodeIfPresent(Bool.self, forKey: .minibatchStddev) ?? d.minibatchStddev
        batch = try c.decodeIfPresent(Int.self, forKey: .batch) ?? d.batch
        criticScales = try c.decodeIfPresent(Int.self, forKey: .criticScales) ?? d.criticScales
        featureMatchingWeight = try c.decodeIfPresent(Float.self, forKey: .featureMatchingWeight) ?? d.featureMatchingWeight
        loss = try c.decodeIfPresent(CriticLossKind.self, forKey: .loss) ?? d.loss
    }
}

/// What normalises a block's features after its conv.
public enum BlockNorm: String, Codable, Sendable, CaseIterable {
    /// BatchNorm then LeakyReLU (SinGAN).
    case batch
    /// LeakyReLU then PGGAN's pixelwise feature normalisation.
    case pixel
    /// LeakyReLU alone.
    case none
}

/// The adversarial loss of every critic.
public enum CriticLossKind: String, Codable, Sendable, CaseIterable {
    /// WGAN-GP (SinGAN): D minimises D(fake) - D(real) + gp penalty, G minimises -D(fake).
    case wgangp
    /// Least squares (pix2pixHD): D minimises ((D(real) - 1)^2 + D(fake)^2) / 2, G (D(fake) - 1)^2.
    case lsgan
}

extension Settings {
    /// The switches; all off when the settings hold none (as every file written before
    /// they existed, and every file trained without them: those files carry no switches).
    public var switches: Switches {
        get { trainingSwitches ?? Switches() }
        set { trainingSwitches = newValue == Switches() ? nil : newValue }
    }
}
