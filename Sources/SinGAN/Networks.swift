import Tensor

/// conv 3x3 (unpadded) -> BatchNorm -> LeakyReLU, the block both nets are built from.
/// (The `norm` switch may put pixel normalisation or nothing in BatchNorm's place.)
public final class ConvBlock {
    public let conv: Conv2d
    /// nil unless `kind` is `.batch`.
    public let norm: BatchNorm2d?
    public let kind: BlockNorm
    let slope: Float

    init(_ inChannels: Int, _ outChannels: Int, settings s: Settings, norm kind: BlockNorm = .batch,
         using rng: inout RandomSource) {
        conv = Conv2d(inChannels, outChannels, kernel: s.kernel, std: s.initStd,
                      equalized: s.switches.equalizedLearningRate, using: &rng)
        norm = kind == .batch ? BatchNorm2d(outChannels, using: &rng) : nil
        self.kind = kind
        slope = s.leakySlope
    }

    func callAsFunction(_ x: Tensor) -> Tensor { normalized(conv(x)) }
}

/// The layers shared by G and D: `layers - 1` blocks then a plain conv tail
/// (3 -> width, width -> width ..., width -> outChannels).
public final class ConvStack {
    public let blocks: [ConvBlock]
    public let tail: Conv2d
    /// Whether the minibatch standard deviation is appended before the tail (a critic switch).
    public let minibatchStddev: Bool

    /// `inChannels`: 3 (an image), more when a conditional model adds its label channels.
    init(width: Int, outChannels: Int, settings s: Settings, norm: BlockNorm = .batch,
         minibatchStddev: Bool = false, inChannels: Int = 3, using rng: inout RandomSource) {
        var blocks: [ConvBlock] = []
        for i in 0..<(s.layers - 1) {
            blocks.append(ConvBlock(i == 0 ? inChannels : width, width, settings: s, norm: norm, using: &rng))
        }
        self.blocks = blocks
        self.minibatchStddev = minibatchStddev
        tail = Conv2d(width + (minibatchStddev ? 1 : 0), outChannels, kernel: s.kernel, std: s.initStd,
                      equalized: s.switches.equalizedLearningRate, using: &rng)
    }

    func callAsFunction(_ x: Tensor) -> Tensor { forward(x).output }

    /// The output and every block's output (the intermediate features feature matching compares).
    public func forward(_ x: Tensor) -> (output: Tensor, features: [Tensor]) {
        var h = x, features: [Tensor] = []
        for block in blocks {
            h = block(h)
            features.append(h)
        }
        return (tail(minibatchStddev ? h.withMinibatchStddev() : h), features)
    }

    /// Every learnable tensor with a stable name (the model file uses these names).
    public var namedParameters: [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        for (i, b) in blocks.enumerated() {
            out += [("block\(i).conv.weight", b.conv.weight), ("block\(i).conv.bias", b.conv.bias)]
            if let norm = b.norm { out += [("block\(i).norm.weight", norm.gamma), ("block\(i).norm.bias", norm.beta)] }
        }
        return out + [("tail.conv.weight", tail.weight), ("tail.conv.bias", tail.bias)]
    }

    public var parameters: [Tensor] { namedParameters.map(\.1) }

    /// BatchNorm running statistics, named like the parameters.
    public var namedStatistics: [(String, RunningStats)] {
        blocks.enumerated().compactMap { i, b in b.norm.map { ("block\(i).norm", $0.stats) } }
    }

    /// Batch statistics while a scale trains; running statistics once it is frozen.
    public var training: Bool {
        get { blocks.first?.norm?.training ?? false }
        set { for b in blocks { b.norm?.training = newValue } }
    }

    /// Copies weights and statistics from a stack of the same shape (warm start).
    func copyWeights(from other: ConvStack) {
        for ((_, mine), (_, theirs)) in zip(namedParameters, other.namedParameters) {
            mine.pointer.update(from: theirs.pointer, count: mine.count)
        }
        for ((_, mine), (_, theirs)) in zip(namedStatistics, other.namedStatistics) {
            mine.mean = theirs.mean
            mine.variance = theirs.variance
        }
    }
}

/// G_k: x_k = tanh(convs(noise + up(x_{k+1}))) + up(x_{k+1}), the residual generator of §2.2.
public final class Generator {
    public let width: Int
    public let stack: ConvStack
    /// The weight of the residual: 1, except while the `fade` switch fades a new scale in.
    public var fade: Float = 1

    /// `labelChannels`: the one-hot (and boundary) channels a conditional model's input carries.
    public init(width: Int, settings: Settings, labelChannels: Int = 0, using rng: inout RandomSource) {
        self.width = width
        stack = ConvStack(width: width, outChannels: 3, settings: settings, norm: settings.switches.generatorNorm,
                          inChannels: 3 + labelChannels, using: &rng)
    }

    /// `input` is the padded noise-plus-previous image, `previous` the padded previous image;
    /// the output has the unpadded size.
    public func callAsFunction(_ input: Tensor, previous: Tensor) -> Tensor {
        let residual = fade == 1 ? stack(input).tanh() : stack(input).tanh() * fade
        return residual + previous.centerCropped(height: residual.h, width: residual.w)
    }
}

/// D_k: a Markovian critic with an 11x11 receptive field; its score map is averaged by the loss.
/// With the `dscales` switch, more critics of the same design judge the image at 1/2, 1/4, ...
/// resolution (MultiScaleCritic.swift).
public final class Discriminator {
    public let width: Int
    /// Critic i sees the image average-pooled i times; critic 0 is SinGAN's D.
    public let critics: [ConvStack]
    public var stack: ConvStack { critics[0] }

    /// `critics`: how many (`Discriminator.criticCount` gives it for an image size).
    /// `labelChannels`: the label channels a conditional critic sees beside the image.
    public init(width: Int, settings: Settings, critics count: Int = 1, labelChannels: Int = 0, using rng: inout RandomSource) {
        self.width = width
        critics = (0..<max(count, 1)).map { _ in
            ConvStack(width: width, outChannels: 1, settings: settings,
                      minibatchStddev: settings.switches.minibatchStddev, inChannels: 3 + labelChannels, using: &rng)
        }
    }

    public func callAsFunction(_ image: Tensor) -> Tensor { stack(image) }
}
