import Glibc
import Imaging
import Tensor

/// Where a model's training image came from, saved so a model can say what it belongs to.
public struct SourceImage: Equatable, Sendable {
    public var name: String
    public var width: Int
    public var height: Int
    /// FNV-1a 64 of the image's 8-bit pixels, hex.
    public var checksum: String

    public init(name: String, image: Image) {
        self.name = name
        width = image.width
        height = image.height
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in image.pixels { hash = (hash ^ UInt64(Image.toByte(v))) &* 0x100_0000_01b3 }
        checksum = String(hash, radix: 16)
    }

    public init(name: String, width: Int, height: Int, checksum: String) {
        self.name = name; self.width = width; self.height = height; self.checksum = checksum
    }
}

/// The losses of the last iteration of a scale, for `show model`.
public struct Losses: Equatable, Sendable {
    public var discriminator: Float
    public var generator: Float
    public var reconstruction: Float
}

/// One level of the pyramid with its GAN.
public final class Scale {
    public let index: Int
    /// The training image at this scale, [1, 3, H, W].
    public let real: Tensor
    public var generator: Generator?
    public var discriminator: Discriminator?
    /// sigma_k: 1 at the coarsest, 0.1 x RMSE of the upsampled reconstruction elsewhere.
    public var noiseAmp: Float = 1
    /// The fixed reconstruction noise z*: random at the coarsest scale, zeros elsewhere.
    public var reconstructionNoise: Tensor
    public var trained = false
    public var losses: Losses?
    /// Every iteration's losses, in order (saved in the model file; `show losses` plots them).
    public var lossHistory: [Losses] = []

    init(index: Int, real: Tensor) {
        self.index = index
        self.real = real
        reconstructionNoise = Tensor(zeros: real.shape)
    }

    public var width: Int { real.w }
    public var height: Int { real.h }
}

/// A SinGAN: the image pyramid, one generator and discriminator per scale, noise amplitudes
/// and reconstruction noise. Scale 0 is the finest, `coarsest` the coarsest (the paper's n).
public final class Model {
    public let settings: Settings
    public let geometry: PyramidGeometry
    public let source: SourceImage
    public let scales: [Scale]
    /// The seed training started from (metadata; the session's generator does the drawing).
    public var seed: UInt64
    /// The training generator's state after the last finished scale, kept in checkpoints
    /// so that a resumed training draws what an uninterrupted one would have (nil: unknown).
    public var randomState: [UInt64]?
    /// ConSinGAN's one growing generator and its newest critic (nil for SinGAN models).
    public var growing: GrowingNetworks?
    /// The label map a conditional model (`train labels`) is trained on; nil for plain models.
    public var labels: LabelConditioning?

    /// Builds the pyramid of `image` (every level resized from the fitted finest image, as the
    /// reference does) and an untrained model.
    public convenience init(image: Image, name: String, settings: Settings, seed: UInt64) throws {
        let geometry = try PyramidGeometry.make(settings.recipe == .consingan ? .consingan : .standard,
                                                width: image.width, height: image.height, settings: settings)
        // One factor on both axes, as the reference's imresize(real, scale1).
        let finest = geometry.fit < 1 ? resize(image, scale: geometry.fit, mode: .clamped) : image
        let reals = geometry.sizes.enumerated().map { k, size -> Tensor in
            if k == 0 { return Tensor(finest) }
            let level = resize(finest, scale: geometry.levelScale(k), mode: .clamped)
            return Tensor(crop(level, x: 0, y: 0, width: size.width, height: size.height))
        }
        self.init(settings: settings, geometry: geometry, source: SourceImage(name: name, image: image),
                  reals: reals, seed: seed)
    }

    public init(settings: Settings, geometry: PyramidGeometry, source: SourceImage, reals: [Tensor], seed: UInt64) {
        self.settings = settings
        self.geometry = geometry
        self.source = source
        self.seed = seed
        scales = reals.enumerated().map { Scale(index: $0.offset, real: $0.element) }
    }

    public var coarsest: Int { scales.count - 1 }
    public var scaleFactor: Double { geometry.scaleFactor }

    /// Scales are trained coarse to fine; this is how many are done.
    public var trainedCount: Int { scales.filter(\.trained).count }

    /// The finest scale of the trained run that starts at the coarsest (nil when none is).
    public var finestTrained: Int? {
        var finest: Int?
        for k in (0...coarsest).reversed() {
            guard scales[k].trained else { break }
            finest = k
        }
        return finest
    }

    /// The next scale to train, coarse to fine (nil when all are trained).
    public var nextUntrained: Int? {
        (0...coarsest).reversed().first { !scales[$0].trained }
    }
}
