import Tensor

/// ConSinGAN's ConvBlock: conv 3x3 (unpadded) -> [BatchNorm] -> LeakyReLU. BatchNorm only
/// in the generator and only when asked (ConSinGAN/models.py ConvBlock).
public final class StageBlock {
    public let conv: Conv2d
    public let norm: BatchNorm2d?
    let slope: Float

    init(_ inChannels: Int, _ outChannels: Int, batchNorm: Bool, settings s: Settings, using rng: inout RandomSource) {
        conv = Conv2d(inChannels, outChannels, kernel: s.kernel, std: s.initStd, using: &rng)
        norm = batchNorm ? BatchNorm2d(outChannels, using: &rng) : nil
        slope = s.leakySlope
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        if let norm { return norm(conv(x), leakySlope: slope) }
        return conv(x).leakyReLU(slope)
    }

    /// Learnable tensors named as in the model file.
    var namedParameters: [(String, Tensor)] {
        var out = [("conv.weight", conv.weight), ("conv.bias", conv.bias)]
        if let norm { out += [("norm.weight", norm.gamma), ("norm.bias", norm.beta)] }
        return out
    }

    var training: Bool {
        get { norm?.training ?? false }
        set { norm?.training = newValue }
    }

    /// A copy with the same weights and statistics (a new stage starts as its predecessor).
    func copy(settings s: Settings) -> StageBlock {
        var rng = RandomSource(seed: 0)  // overwritten below
        let twin = StageBlock(conv.weight.shape[1], conv.weight.shape[0], batchNorm: norm != nil, settings: s, using: &rng)
        twin.load(from: self)
        return twin
    }

    func load(from other: StageBlock) {
        for ((_, mine), (_, theirs)) in zip(namedParameters, other.namedParameters) {
            mine.pointer.update(from: theirs.pointer, count: mine.count)
        }
        if let mine = norm?.stats, let theirs = other.norm?.stats {
            mine.mean = theirs.mean
            mine.variance = theirs.variance
        }
    }
}

/// ConSinGAN's critic: head block (3 -> C), `layers` blocks (C -> C), conv tail (C -> 1),
/// all unpadded, no BatchNorm. Its score map is averaged by the loss.
public final class StageCritic {
    public let blocks: [StageBlock]
    public let tail: Conv2d

    public init(width: Int, settings s: Settings, using rng: inout RandomSource) {
        blocks = (0...s.layers).map { i in StageBlock(i == 0 ? 3 : width, width, batchNorm: false, settings: s, using: &rng) }
        tail = Conv2d(width, 1, kernel: s.kernel, std: s.initStd, using: &rng)
    }

    public func callAsFunction(_ image: Tensor) -> Tensor { tail(blocks.reduce(image) { h, b in b(h) }) }

    public var namedParameters: [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        for (i, b) in blocks.enumerated() { out += b.namedParameters.map { ("block\(i).\($0.0)", $0.1) } }
        return out + [("tail.conv.weight", tail.weight), ("tail.conv.bias", tail.bias)]
    }

    public var parameters: [Tensor] { namedParameters.map(\.1) }

    /// D_n starts from D_{n-1} (training_generation.py:42-45).
    func load(from other: StageCritic) {
        for ((_, mine), (_, theirs)) in zip(namedParameters, other.namedParameters) {
            mine.pointer.update(from: theirs.pointer, count: mine.count)
        }
    }
}
