import Tensor

/// ConSinGAN's critic (models.py WDiscriminator): head block (3 -> C), `layers` blocks
/// (C -> C), conv tail (C -> 1), all unpadded, no BatchNorm: SinGAN's `ConvStack` with
/// layers + 2 convs and no norm, so the switches come with it: `eqlr` equalized convs,
/// `mbstd` the minibatch standard deviation before the tail, and `dscales K` K such critics,
/// critic i on the image pooled i times (as many as fit the stage; MultiScaleCritic.swift).
public final class StageCritic {
    public let critics: [ConvStack]

    /// A critic for a stage of `height` x `width`.
    public init(width: Int, height h: Int, imageWidth w: Int, settings s: Settings, using rng: inout RandomSource) {
        let shape = Self.stackSettings(s)
        critics = (0..<Discriminator.criticCount(height: h, width: w, settings: shape)).map { _ in
            ConvStack(width: width, outChannels: 1, settings: shape, norm: .none,
                      minibatchStddev: s.switches.minibatchStddev, using: &rng)
        }
    }

    /// The settings that make a `ConvStack` ConSinGAN's critic: `layers - 1` blocks there,
    /// so layers + 2 here gives the head and `layers` blocks.
    static func stackSettings(_ s: Settings) -> Settings {
        var shape = s
        shape.layers = s.layers + 2
        return shape
    }

    /// Critic 0's score map (the one-critic case).
    public func callAsFunction(_ image: Tensor) -> Tensor { critics[0](image) }

    /// Critic 0 under the names it always had, critic i under `critic<i>.`.
    public var namedParameters: [(String, Tensor)] {
        critics.enumerated().flatMap { i, c in c.namedParameters.map { ((i == 0 ? "" : "critic\(i).") + $0.0, $0.1) } }
    }

    public var parameters: [Tensor] { namedParameters.map(\.1) }

    /// D_n starts from D_{n-1} (training_generation.py:42-45), critic by critic where the
    /// previous stage had that critic.
    func load(from other: StageCritic) {
        for (mine, theirs) in zip(critics, other.critics) { mine.copyWeights(from: theirs) }
    }
}
