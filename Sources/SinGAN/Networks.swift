import Tensor

/// conv 3x3 (unpadded) -> BatchNorm -> LeakyReLU, the block both nets are built from.
public final class ConvBlock {
    public let conv: Conv2d
    public let norm: BatchNorm2d
    let slope: Float

    init(_ inChannels: Int, _ outChannels: Int, settings s: Settings, using rng: inout RandomSource) {
        conv = Conv2d(inChannels, outChannels, kernel: s.kernel, std: s.initStd, using: &rng)
        norm = BatchNorm2d(outChannels, using: &rng)
        slope = s.leakySlope
    }

    func callAsFunction(_ x: Tensor) -> Tensor { norm(conv(x), leakySlope: slope) }
}

/// The layers shared by G and D: `layers - 1` blocks then a plain conv tail
/// (3 -> width, width -> width ..., width -> outChannels).
public final class ConvStack {
    public let blocks: [ConvBlock]
    public let tail: Conv2d

    init(width: Int, outChannels: Int, settings s: Settings, using rng: inout RandomSource) {
        var blocks: [ConvBlock] = []
        for i in 0..<(s.layers - 1) {
            blocks.append(ConvBlock(i == 0 ? 3 : width, width, settings: s, using: &rng))
        }
        self.blocks = blocks
        tail = Conv2d(width, outChannels, kernel: s.kernel, std: s.initStd, using: &rng)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        tail(blocks.reduce(x) { h, block in block(h) })
    }

    /// Every learnable tensor with a stable name (the model file uses these names).
    public var namedParameters: [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        for (i, b) in blocks.enumerated() {
            out += [("block\(i).conv.weight", b.conv.weight), ("block\(i).conv.bias", b.conv.bias),
                    ("block\(i).norm.weight", b.norm.gamma), ("block\(i).norm.bias", b.norm.beta)]
        }
        return out + [("tail.conv.weight", tail.weight), ("tail.conv.bias", tail.bias)]
    }

    public var parameters: [Tensor] { namedParameters.map(\.1) }

    /// BatchNorm running statistics, named like the parameters.
    public var namedStatistics: [(String, RunningStats)] {
        blocks.enumerated().map { ("block\($0.offset).norm", $0.element.norm.stats) }
    }

    /// Batch statistics while a scale trains; running statistics once it is frozen.
    public var training: Bool {
        get { blocks.first?.norm.training ?? false }
        set { for b in blocks { b.norm.training = newValue } }
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

    public init(width: Int, settings: Settings, using rng: inout RandomSource) {
        self.width = width
        stack = ConvStack(width: width, outChannels: 3, settings: settings, using: &rng)
    }

    /// `input` is the padded noise-plus-previous image, `previous` the padded previous image;
    /// the output has the unpadded size.
    public func callAsFunction(_ input: Tensor, previous: Tensor) -> Tensor {
        let residual = stack(input).tanh()
        return residual + previous.centerCropped(height: residual.h, width: residual.w)
    }
}

/// D_k: a Markovian critic with an 11x11 receptive field; its score map is averaged by the loss.
public final class Discriminator {
    public let width: Int
    public let stack: ConvStack

    public init(width: Int, settings: Settings, using rng: inout RandomSource) {
        self.width = width
        stack = ConvStack(width: width, outChannels: 1, settings: settings, using: &rng)
    }

    public func callAsFunction(_ image: Tensor) -> Tensor { stack(image) }
}
