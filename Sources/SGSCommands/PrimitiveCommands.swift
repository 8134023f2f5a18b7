// Image primitives the applications are built from: resize, crop, paste, blend, mask,
// quantize, and `real` (the current model's training image at a scale).
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerPrimitiveCommands() {
        let table = session.table
        table.register(Command("resize", positional: [Parameter("img", .image, "the image")],
            keywords: [Parameter("factor", .number, default: .none, "scale both sides by this factor"),
                       Parameter("size", .size, default: .none, "the output size: ImageMagick geometry (64x48, 64x, x48, 50%, 64x48!)"),
                       Parameter("exact", .bool, default: .bool(false), "exactly size, not keeping the aspect (as ! does)")],
            summary: "resize an image with the reference bicubic",
            help: "let half = (resize photo factor 0.5)\nlet thumb = (resize photo size 64x48)\n"
                + "let exact = (resize photo size 64x48!)\n\n"
                + "`factor F` gives ceil(F * side) pixels per side, as the reference's imresize. `size` takes "
                + "ImageMagick geometry: `64x48` fits inside 64x48 keeping the aspect, `64x48!` is exactly that "
                + "(imresize_to_shape), `64x` and `x48` give one side, `50%` scales. `exact` does what `!` does, for a "
                + "size computed in the script: `resize paint size size(w, h) exact`. Values are clamped to the image range.",
            topic: "images") { arguments, _ in
            let source = try arguments.image("img")
            if arguments.isGiven("factor") == arguments.isGiven("size") {
                throw ScriptError(.runtime, "'resize' takes 'factor F' or 'size WxH' (one of them)", at: arguments.location)
            }
            if let factor = arguments.number("factor") {
                let size = resizedSize(width: source.image.width, height: source.image.height, scale: factor)
                guard factor.isFinite, factor > 0, factor <= 64, size.width * size.height <= PNGLimits.maxPixels else {
                    throw ScriptError(.runtime, "'factor' must be in (0, 64] and give at most 100 megapixels, got \(factor)",
                                      at: arguments.location(of: "factor"))
                }
                return .host(ImageValue(resize(source.image, scale: factor, mode: .clamped), name: source.name))
            }
            let (width, height) = try pixelSize(arguments, "size", reference: (source.image.width, source.image.height),
                                                keepAspect: !arguments.bool("exact"))
            return .host(ImageValue(resize(source.image, width: width, height: height, mode: .clamped), name: source.name))
        })
        table.register(Command("crop", positional: [Parameter("img", .image, "the image")],
            keywords: [Parameter("at", .list, default: .list([.number(0), .number(0)]), "the top-left corner [X, Y]"),
                       Parameter("size", .size, "the size of the rectangle in pixels")],
            summary: "cut a rectangle out of an image",
            help: "let piece = (crop photo at [10, 20] size 64x48)\nlet same = (crop photo size 64x48+10+20)\n\n"
                + "The rectangle must lie inside the image. `size` takes ImageMagick geometry: `WxH+X+Y` gives the "
                + "corner too, `50%` and `64x`/`x48` are relative to the image.",
            topic: "images") { arguments, _ in
            let source = try arguments.image("img")
            var (x, y) = try point(arguments, "at")
            let (width, height) = try pixelSize(arguments, "size", reference: (source.image.width, source.image.height),
                                                allowOffset: true)
            if let offset = geometryOffset(arguments, "size") {
                guard !arguments.isGiven("at") else {
                    throw ScriptError(.runtime, "'crop' takes the corner from 'at' or from +X+Y, not both", at: arguments.location(of: "size"))
                }
                (x, y) = offset
            }
            guard x + width <= source.image.width, y + height <= source.image.height else {
                throw ScriptError(.runtime, "a \(width)x\(height) crop at [\(x), \(y)] reaches outside the "
                                  + "\(source.image.width)x\(source.image.height) image", at: arguments.location(of: "size"))
            }
            return .host(ImageValue(crop(source.image, x: x, y: y, width: width, height: height), name: source.name))
        })
        table.register(Command("paste", positional: [Parameter("img", .image, "the image to paste")],
            keywords: [Parameter("onto", .image, "the background"),
                       Parameter("at", .list, default: .list([.number(0), .number(0)]), "where its top-left corner goes, [X, Y]")],
            summary: "paste an image onto a background (a naive composite, e.g. for harmonize)",
            help: "let naive = (paste object onto background at [120, 40])\n\nThe result has the background's size; "
                + "what falls outside it is cut off. Negative positions are allowed.",
            topic: "images") { arguments, _ in
            let image = try arguments.image("img")
            let background = try arguments.image("onto")
            let (x, y) = try point(arguments, "at", allowNegative: true)
            return .host(ImageValue(paste(image.image, onto: background.image, x: x, y: y), name: background.name))
        })
        table.register(Command("blend", positional: [Parameter("a", .image, "taken where the mask is white"),
                                                      Parameter("b", .image, "taken where the mask is black")],
            keywords: [Parameter("mask", .image, "the mask: white 1, black 0, gray between (first channel)")],
            summary: "mix two images through a mask: mask * A + (1 - mask) * B",
            help: "let out = (blend generated photo mask (mask spot dilate 20 blur 5 normalize))\n\n"
                + "A and B must have one size; a mask of another size is resized to it, with a notice.",
            topic: "images") { arguments, _ in
            let a = try arguments.image("a"), b = try arguments.image("b")
            var maskImage = try arguments.image("mask").image
            guard a.image.width == b.image.width, a.image.height == b.image.height else {
                throw ScriptError(.runtime, "'blend' needs two images of one size, got \(a.image.width)x\(a.image.height) "
                                  + "and \(b.image.width)x\(b.image.height)", at: arguments.location(of: "b"))
            }
            if maskImage.width != a.image.width || maskImage.height != a.image.height {
                self.output.info("blend: resized the mask from \(maskImage.width)x\(maskImage.height) to \(a.image.width)x\(a.image.height)")
                maskImage = resize(maskImage, width: a.image.width, height: a.image.height, mode: .clamped)
            }
            let blended = try blend(a.image, b.image, mask: Mask(channel: 0, of: maskImage))
            return .host(ImageValue(blended, name: a.name))
        })
        table.register(maskCommand)
        table.register(quantizeCommand)
        table.register(Command("real", keywords: [Parameter("at", .scale, default: .number(0), "the scale (0 is the finest)")],
            summary: "the current model's training image at a scale",
            help: "let photo = real\nlet coarse = (real at n)\n\nThe image the model was trained on, at the size of that scale.",
            topic: "images") { arguments, _ in
            let model = try self.currentModel()
            let k = arguments.int("at") ?? 0
            guard k <= model.coarsest else {
                throw ScriptError(.runtime, "'at \(k)' is not a scale of this model; scales run from 0 to n = \(model.coarsest)",
                                  at: arguments.location(of: "at"))
            }
            return .host(ImageValue(model.scales[k].real.image(), name: model.source.name))
        })
    }

    private var maskCommand: Command {
        Command("mask", positional: [Parameter("img", .image, "any image; its first channel is the mask")],
            keywords: [Parameter("size", .size, default: .none, "resize to this size first (8-bit levels, as the reference)"),
                       Parameter("threshold", .number, default: .none, "foreground where the value (0 to 1) is above T"),
                       Parameter("dilate", .int, default: .none, "grow the foreground by a disk of radius R"),
                       Parameter("blur", .number, default: .none, "Gaussian blur with sigma S"),
                       Parameter("normalize", .bool, default: .bool(false), "stretch the values to span 0 to 1")],
            summary: "make a mask from an image: threshold, dilate, blur, normalise",
            help: "let soft = (mask spot threshold 0 dilate 7 blur 5 normalize)\n\n"
                + "The steps run in the order size, threshold, dilate, blur, normalize; each is optional. "
                + "`threshold 0` makes every nonzero pixel foreground, as the reference does; dilate counts "
                + "values above 0.5 as foreground. The recipe above is the reference's harmonization mask "
                + "(dilate 20 for editing). The result is a gray image: white 1, black 0.",
            topic: "images") { arguments, _ in
            var image = try arguments.image("img").image
            if arguments.isGiven("size") {
                let (width, height) = try pixelSize(arguments, "size", reference: (image.width, image.height))
                if width != image.width || height != image.height {
                    self.output.info("mask: resized from \(image.width)x\(image.height) to \(width)x\(height)")
                    let resized = resize(image, width: width, height: height, mode: .clamped)
                    image = Image(width: width, height: height, pixels: resized.pixels.map { Image.fromByte(Image.toByte($0)) })
                }
            }
            var mask = Mask(channel: 0, of: image)
            if let level = arguments.number("threshold") {
                guard (0...1).contains(level) else {
                    throw ScriptError(.runtime, "'threshold' must be from 0 to 1, got \(level)", at: arguments.location(of: "threshold"))
                }
                mask = threshold(image, channel: 0, above: Float(level))
            }
            if let radius = arguments.int("dilate") {
                guard (0...500).contains(radius) else {
                    throw ScriptError(.runtime, "'dilate' must be from 0 to 500 pixels, got \(radius)", at: arguments.location(of: "dilate"))
                }
                mask = dilate(mask, radius: radius)
            }
            if let sigma = arguments.number("blur") {
                guard sigma >= 0, sigma <= 200 else {
                    throw ScriptError(.runtime, "'blur' must be from 0 to 200, got \(sigma)", at: arguments.location(of: "blur"))
                }
                if sigma > 0 { mask = gaussianBlur(mask, sigma: sigma) }
            }
            if arguments.bool("normalize") { mask = normalizeMinMax(mask) }
            return .host(ImageValue(mask.image, name: "mask"))
        }
    }

    private var quantizeCommand: Command {
        Command("quantize", positional: [Parameter("img", .image, "the image to quantize")],
            keywords: [Parameter("colors", .int, default: .number(5), "how many colours (the reference uses 5)"),
                       Parameter("like", .image, default: .none, "take the colours from this image instead")],
            summary: "reduce an image to K colours (k-means in RGB, seeded)",
            help: "let flat = (quantize photo colors 5)\nlet input = (quantize paint colors 5 like (real at n-1))\n\n"
                + "K-means with k-means++ seeding from a fixed seed, so the same image gives the same colours. "
                + "With `like REF` the colours are REF's clusters and every pixel of IMG takes the nearest one "
                + "(paint-to-image's quantization).",
            topic: "images") { arguments, _ in
            let source = try arguments.image("img")
            let colors = arguments.int("colors") ?? 5
            guard (1...256).contains(colors) else {
                throw ScriptError(.runtime, "'colors' must be from 1 to 256, got \(colors)", at: arguments.location(of: "colors"))
            }
            let reference = arguments.host("like", as: ImageValue.self)?.image ?? source.image
            let centers = kMeansQuantize(reference, k: colors, seed: 0).centers
            return .host(ImageValue(mapToNearestCenter(source.image, centers: centers), name: source.name))
        }
    }
}

/// A point `[X, Y]` of whole pixels.
private func point(_ arguments: Arguments, _ name: String, allowNegative: Bool = false) throws -> (Int, Int) {
    let items = arguments.list(name) ?? []
    let numbers = items.compactMap { item -> Double? in if case .number(let v) = item { return v } else { return nil } }
    let low: Double = allowNegative ? -16384 : 0
    guard numbers.count == 2, items.count == 2, numbers.allSatisfy({ $0 == $0.rounded() && $0 >= low && $0 <= 16384 }) else {
        throw ScriptError(.runtime, "'\(name)' needs a point [X, Y] of whole pixels\(allowNegative ? "" : " >= 0"), got \(arguments[name])",
                          at: arguments.location(of: name))
    }
    return (Int(numbers[0]), Int(numbers[1]))
}
