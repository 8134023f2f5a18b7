// Images: load, save, synth, and the queries width, height and len.
import Foundation
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerImageCommands() {
        let table = session.table
        table.register(Command("load", positional: [Parameter("file", .imageFile, "the PNG or JPEG to read")],
                               summary: "read a PNG or JPEG image",
                               help: "let photo = load \"balloons.png\"\n\nAny PNG: gray, palette, RGBA, 16-bit, interlaced; "
                                   + "any baseline or progressive JPEG (gray or colour). The format is told from the file's "
                                   + "first bytes, not its name. Transparency is dropped (with a notice on stderr). A relative "
                                   + "name that is not in the working directory is looked for among the example images "
                                   + "(stdlib/images: balloons.png, starry_night.png, stone.png, cows.png, ...).",
                               topic: "images") { arguments, _ in
            let path = self.exampleImagePath(arguments["file"].printed)
            let loaded = try withFile(path) { try readImage(path) }
            if let notice = loaded.notice { self.output.error(notice) }
            return .host(ImageValue(loaded.image, name: baseName(path)))
        })
        table.register(Command("save", positional: [Parameter("img", .image, "the image"),
                                                    Parameter("file", .imageFile, "the file to write: .png, .jpg, .jpeg or .gif")],
                               keywords: [Parameter("quality", .int, default: .number(92), "JPEG quality, 1 to 100")],
                               summary: "write an image as PNG, JPEG or GIF, as its name says (save model, save frames: see those)",
                               help: "save r \"out/reconstruction.png\"\nsave r \"out/reconstruction.jpg\" quality 95\n\n"
                                   + "The extension picks the format: .png, .jpg or .jpeg, .gif (one frame). Any other name is "
                                   + "an error. Missing folders are created.",
                               topic: "images") { arguments, _ in
            let path = arguments["file"].printed
            let quality = arguments.int("quality") ?? 92
            guard (1...100).contains(quality) else {
                throw ScriptError(.runtime, "'quality' must be from 1 to 100, got \(quality)", at: arguments.location(of: "quality"))
            }
            try withFile(path) {
                try checkWritableImageName(path)
                try makeParentFolder(of: path)
                try writeImage(try arguments.image("img").image, to: path, quality: quality)
            }
            self.output.info("wrote \(path)")
            return .none
        })
        table.register(synthCommand)
        table.register(sizeQuery("width", "the width of an image in pixels") { $0.width })
        table.register(sizeQuery("height", "the height of an image in pixels") { $0.height })
        table.register(Command("rmse", positional: [Parameter("a", .image, "an image"), Parameter("b", .image, "another of the same size")],
                               summary: "root mean square difference of two images (0 when equal; values span -1...1)",
                               help: "print rmse((reconstruct), (real))\n\nA command used as a value goes in parentheses: (reconstruct), (real). Both images must have one size.",
                               topic: "images") { arguments, _ in
            let a = try arguments.image("a").image, b = try arguments.image("b").image
            guard a.width == b.width, a.height == b.height else {
                throw ScriptError(.runtime, "'rmse' needs images of one size, got \(a.width)x\(a.height) and \(b.width)x\(b.height)",
                                  at: arguments.location(of: "b"))
            }
            let total = zip(a.pixels, b.pixels).reduce(0.0) { sum, pair in
                let d = Double(pair.0) - Double(pair.1)
                return sum + d * d
            }
            return .number((total / Double(max(a.pixels.count, 1))).squareRoot())
        })
        wrapLength()
    }

    /// `path`, or the bundled example image of that name (stdlib/images/NAME) when `path`
    /// is relative and missing here, with a notice saying which file was read.
    func exampleImagePath(_ path: String) -> String {
        guard !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: path),
              let stdlib = session.searchPaths.first else { return path }
        let example = stdlib + "/images/" + path
        guard FileManager.default.fileExists(atPath: example) else { return path }
        output.info("load: \(path) is not here; using the example image \(example)")
        return example
    }

    private var synthCommand: Command {
        let patterns = SynthPattern.allCases.map(\.rawValue)
        return Command("synth", positional: [Parameter("pattern", .word, patterns.joined(separator: ", "))],
                       keywords: [Parameter("size", .size, default: .size(250, 188), "width x height in pixels")],
                       summary: "a procedural image: landscape, stripes or blobs",
                       help: "let photo = synth landscape size 120x90\n\nSeeded from the session's generator, "
                           + "so the same seed draws the same image.", topic: "images") { arguments, _ in
            let name = arguments["pattern"].printed
            guard let pattern = SynthPattern(rawValue: name) else {
                throw ScriptError(.runtime, "'synth' draws \(patterns.joined(separator: ", ")), not '\(name)'"
                                  + Suggestions.hint(for: name, in: patterns), at: arguments.location(of: "pattern"))
            }
            let (width, height) = try pixelSize(arguments, "size")
            let seed = try self.withRandom { $0.next() }
            return .host(ImageValue(synth(pattern, width: width, height: height, seed: seed), name: name))
        }
    }

    private func sizeQuery(_ name: String, _ summary: String, _ measure: @escaping (Image) -> Int) -> Command {
        Command(name, positional: [Parameter("img", .oneOf([.image, .frames]), "an image or frames")],
                summary: summary, help: "print \(name)(photo)", topic: "images") { arguments, _ in
            switch arguments["img"] {
            case .host(let value as ImageValue): return .number(Double(measure(value.image)))
            case .host(let value as FramesValue): return .number(Double(value.frames.first.map(measure) ?? 0))
            default: return .none
            }
        }
    }

    /// `len` of the language, extended to frames.
    private func wrapLength() {
        guard let length = session.table["len"] else { return }
        session.table.replace(Command("len", positional: [Parameter("value", .any, "a list, string or frames")],
                                       summary: "the number of items in a list or frames, or characters in a string",
                                       help: "print len([1, 2, 3])\nlet f = (walk z steps 3)\nprint len(f)") { arguments, interpreter in
            if case .host(let value as FramesValue) = arguments["value"] { return .number(Double(value.frames.count)) }
            return try length.handler(arguments, interpreter)
        })
    }
}

/// A size argument in whole pixels, at least 1x1 and at most 16384 on a side. ImageMagick
/// geometry is resolved against `reference` (`50%`, `64x`, `x48`); `keepAspect` makes a
/// plain WxH fit inside that box keeping the reference's aspect unless `!`, as `-resize` does.
/// An offset (`+X+Y`) is refused: only crop takes one (see `geometryOffset`).
func pixelSize(_ arguments: Arguments, _ name: String, reference: (width: Int, height: Int)? = nil,
               keepAspect: Bool = false, allowOffset: Bool = false) throws -> (Int, Int) {
    guard let geometry = arguments[name].geometry else {
        throw ScriptError(.runtime, "'\(name)' needs a size like 250x188", at: arguments.location(of: name))
    }
    if geometry.offset != nil && !allowOffset {
        throw ScriptError(.runtime, "'\(name)' \(geometry) has an offset (+X+Y), which only 'crop' takes",
                          at: arguments.location(of: name))
    }
    guard let (width, height) = geometry.pixels(reference: reference, keepAspect: keepAspect) else {
        throw ScriptError(.runtime, "'\(name)' \(geometry) is relative, and '\(arguments.command)' has no image to take "
                          + "the rest from; give both sides in pixels, like 250x188", at: arguments.location(of: name))
    }
    guard width == width.rounded(), height == height.rounded(), (1...16384).contains(width), (1...16384).contains(height) else {
        throw ScriptError(.runtime, "'\(name)' needs whole pixels from 1 to 16384 per side, got \(Value.size(width, height))",
                          at: arguments.location(of: name))
    }
    guard width * height <= 16_777_216 else {
        throw ScriptError(.runtime, "'\(name)' \(Value.size(width, height)) is too large (at most 16 megapixels)",
                          at: arguments.location(of: name))
    }
    return (Int(width), Int(height))
}

/// The `+X+Y` of a geometry argument, if it has one.
func geometryOffset(_ arguments: Arguments, _ name: String) -> (x: Int, y: Int)? {
    arguments[name].geometry?.offset
}
