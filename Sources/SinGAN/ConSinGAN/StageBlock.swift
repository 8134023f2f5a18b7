import Tensor

/// ConSinGAN's ConvBlock (ConSinGAN/models.py) is SinGAN's: conv 3x3 (unpadded) -> [norm]
/// -> LeakyReLU. In a ConSinGAN generator the norm is none unless asked: `batchnorm true`
/// adds BatchNorm, the `norm pixel` switch pixel normalisation, `norm none` forces none.
/// The `eqlr` switch makes its conv equalized (ConvBlock reads it from the settings).
public typealias StageBlock = ConvBlock

extension ConvBlock {
    /// What follows the conv in a ConSinGAN generator block.
    static func stageNorm(settings s: Settings) -> BlockNorm {
        switch s.switches.generatorNorm {
        case .pixel: return .pixel
        case .none: return .none
        case .batch: return s.consingan?.batchNorm == true ? .batch : .none
        }
    }

    /// A generator block of a ConSinGAN model.
    static func stage(_ inChannels: Int, _ outChannels: Int, settings s: Settings, using rng: inout RandomSource) -> ConvBlock {
        ConvBlock(inChannels, outChannels, settings: s, norm: stageNorm(settings: s), using: &rng)
    }

    /// Learnable tensors named as in the model file (`conv.weight`, `norm.weight`, ...).
    var blockParameters: [(String, Tensor)] {
        var out = [("conv.weight", conv.weight), ("conv.bias", conv.bias)]
        if let norm { out += [("norm.weight", norm.gamma), ("norm.bias", norm.beta)] }
        return out
    }

    /// Batch statistics while training (BatchNorm blocks only).
    var blockTraining: Bool {
        get { norm?.training ?? false }
        set { norm?.training = newValue }
    }

    /// A copy with the same weights and statistics (a new stage starts as its predecessor).
    func copy(settings s: Settings) -> ConvBlock {
        var rng = RandomSource(seed: 0)  // overwritten below
        let twin = ConvBlock(conv.weight.shape[1], conv.weight.shape[0], settings: s, norm: kind, using: &rng)
        twin.load(from: self)
        return twin
    }

    func load(from other: ConvBlock) {
        for ((_, mine), (_, theirs)) in zip(blockParameters, other.blockParameters) {
            mine.pointer.update(from: theirs.pointer, count: mine.count)
        }
        if let mine = norm?.stats, let theirs = other.norm?.stats {
            mine.mean = theirs.mean
            mine.variance = theirs.variance
        }
    }
}
