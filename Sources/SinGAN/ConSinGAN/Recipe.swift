/// The two training recipes a model can be made with.
public enum Recipe: String, CaseIterable, Sendable {
    /// One generator and critic per scale, trained one after the other (docs/singan.md).
    case singan
    /// One growing generator whose newest stages train together (docs/consingan.md).
    case consingan
}

/// What ConSinGAN adds to the shared settings (ConSinGAN/config.py). The rest is read from
/// `Settings`: `channels` is the constant width, `layers` the conv blocks per stage,
/// `scales` the number of stages, `leakySlope`, `iterations`, learning rates, `dSteps`,
/// `gSteps`, `gpWeight`, `reconstructionWeight` and `noiseAmp` as in SinGAN.
public struct ConSinGANSettings: Equatable, Codable, Sendable {
    /// How many of the newest stages train at once.
    public var trainDepth = 3
    /// A stage k steps below the newest trains at lrg * lrScale^k.
    public var lrScale: Float = 0.1
    /// BatchNorm after the generator's convs (off in ConSinGAN unless asked; D never has it).
    public var batchNorm = false

    public init() {}
}

extension Settings {
    public var recipe: Recipe { consingan == nil ? .singan : .consingan }

    /// ConSinGAN's defaults for the settings the recipes share (ConSinGAN/config.py, main_train.py):
    /// 64 channels, 3 blocks per stage, LeakyReLU 0.05, 6 stages.
    public static let consinganDefaults: (channels: Int, layers: Int, leakySlope: Float, stages: Int) = (64, 3, 0.05, 6)

    /// The number of stages a ConSinGAN pyramid gets.
    var stageCount: Int { scales ?? Settings.consinganDefaults.stages }

    /// Zero padding per side that `layers` unpadded convs consume.
    var stagePadding: Int { layers * (kernel - 1) / 2 }
}
