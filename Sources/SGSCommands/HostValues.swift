// The host values the SinGAN commands hand to the language: images, models and
// frames. Each is a class so `==` compares identity, and prints in one line.
import Imaging
import Script
import SinGAN

/// An RGB image in [-1, 1]; prints as `image 250x188`.
public final class ImageValue: HostValue {
    public let image: Image
    /// Where it came from (file name without extension, or the synth pattern), used
    /// to name a model built from it.
    public let name: String

    public init(_ image: Image, name: String) {
        self.image = image
        self.name = name
    }

    public var typeName: String { "image" }
    public var summary: String { "image \(image.width)x\(image.height)" }
}

/// A SinGAN model. The wrapped model may be replaced (training with changed training
/// settings rebuilds it) while the value keeps its identity.
public final class ModelValue: HostValue {
    public internal(set) var model: Model
    /// The image `pyramid` built it from, so a pyramid setting changed before training
    /// can rebuild the pyramid (nil for a loaded model).
    var image: Image?

    public init(_ model: Model, image: Image? = nil) {
        self.model = model
        self.image = image
    }

    public var typeName: String { "model" }
    public var summary: String {
        "model \(model.source.name) \(model.scales.count) scales, \(model.trainedCount) trained"
    }
}

/// A list of images of one size, as a walk makes them; prints as `frames 12 of 250x188`.
/// `f[i]` is an image, `f[a..b]` frames, `f + g` joins (an image or a list of images joins too).
public final class FramesValue: HostSequence {
    public let frames: [Image]

    public init(_ frames: [Image]) { self.frames = frames }

    public var typeName: String { "frames" }
    public var summary: String {
        guard let first = frames.first else { return "frames 0" }
        return "frames \(frames.count) of \(first.width)x\(first.height)"
    }

    public var count: Int { frames.count }
    public func item(at index: Int) -> Value { .host(ImageValue(frames[index], name: "frame")) }
    public func slice(_ range: Range<Int>) -> Value { .host(FramesValue(Array(frames[range]))) }

    public func joined(_ left: Value, _ right: Value) throws -> Value? {
        guard let first = FramesValue.images(left), let second = FramesValue.images(right) else { return nil }
        return .host(try FramesValue.checked(first + second))
    }

    /// The images of frames, an image, or a list of images; nil for anything else.
    static func images(_ value: Value) -> [Image]? {
        switch value {
        case .host(let frames as FramesValue): return frames.frames
        case .host(let image as ImageValue): return [image.image]
        case .list(let items):
            var images: [Image] = []
            for item in items {
                guard case .host(let image as ImageValue) = item else { return nil }
                images.append(image.image)
            }
            return images
        default: return nil
        }
    }

    /// Frames of one size, or an error saying which frame differs.
    static func checked(_ images: [Image]) throws -> FramesValue {
        if let first = images.first, let odd = images.firstIndex(where: { $0.width != first.width || $0.height != first.height }) {
            throw ScriptError.runtime("frames must all have one size: frame 0 is \(first.width)x\(first.height), "
                                      + "frame \(odd) is \(images[odd].width)x\(images[odd].height) (resize it first)")
        }
        return FramesValue(images)
    }
}

extension ArgType {
    static let frames = ArgType.host("frames")
}

extension Arguments {
    /// The image behind an argument the table already checked to be one.
    func image(_ name: String) throws -> ImageValue {
        guard let value = host(name, as: ImageValue.self) else {
            throw ScriptError(.runtime, "'\(command)' expects an image for \(name), got \(self[name].typeWithArticle)",
                              at: location(of: name))
        }
        return value
    }
}
