// Patch nearest-neighbour generation (GPNN, docs/pnn.md): samples, retargeting, inpainting,
// editing and structural analogies from one image in seconds, with no trained model.
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerPNNCommands() {
        registerPNNSettings()
        let table = session.table
        let png = ArgType.path(["png"])
        let alpha = Parameter("alpha", .number, default: .none, "completeness weight (small: every input patch appears)")
        let into = Parameter("into", png, default: .none, "write PNGs; {i} counts from 0")
        let levels = Parameter("levels", .int, default: .none, "levels below the input (fewer keep more of the layout)")
        table.register(Command("pnn", positional: [Parameter("img", .image, "the image to vary"),
                                                   Parameter("count", .int, default: .number(1), "how many")],
            keywords: [Parameter("scale", .size, default: .none, "stretch factors: 2x1 is twice as wide"),
                       Parameter("size", .size, default: .none, "the output size in pixels (instead of scale)"),
                       alpha, Parameter("noise", .number, default: .none, "noise std at the coarsest level (pnnnoise)"),
                       Parameter("levels", .int, default: .none, "levels below the input (pnnlevels)"), into],
            summary: "samples by patch nearest neighbours (GPNN): no training",
            help: "pnn photo 8 into \"out/pnn_{i}.png\"\npnn photo scale 2x1\nlet s = (pnn photo 4 noise 0.5)\n\n"
                + "Adds noise to a tiny copy of the image and, level by level up the image's pyramid, replaces every "
                + "7x7 patch by its nearest neighbour among the image's patches and averages the overlaps. A sample of "
                + "250x188 takes about half a second of one core. The settings pnnalpha pnnnoise pnnlevels pnncoarseiters pnnratio "
                + "(and pnnpatch pnniters pnnsearch, shared with the other pnn commands) are its knobs; "
                + "`alpha`, `noise` and `levels` override them for one call. One sample is an image, several a list.",
            topic: "pnn") { arguments, interpreter in
            try self.pnnSample(arguments, interpreter)
        })
        table.register(Command("pnn retarget", positional: [Parameter("img", .image, "the image to resize")],
            keywords: [Parameter("scale", .size, default: .none, "stretch factors: 2x1 is twice as wide"),
                       Parameter("size", .size, default: .none, "the output size in pixels"),
                       Parameter("alpha", .number, default: .number(1e-3), "completeness weight"), levels, into],
            summary: "resize to another aspect ratio keeping the patches at their size (GPNN)",
            help: "pnn retarget photo scale 1.5x1 into \"out/wide.png\"\n\nGPNN's retargeting: no noise, ratio 0.8, "
                + "10 steps at the coarsest level and completeness alpha 1e-3, so the objects of the image are kept "
                + "(not squeezed) and repeated or dropped to fill the new shape.",
            topic: "pnn") { arguments, interpreter in
            let source = try arguments.image("img")
            let target = try self.pnnTargetSize(arguments, source.image, command: "pnn retarget")
            guard let target else {
                throw ScriptError(.runtime, "'pnn retarget' needs 'scale WxH' or 'size WxH'", at: arguments.location)
            }
            let s = try self.pnnKeywords(arguments, over: self.pnnShared(over: .retargeting))
            let image = try self.pnnRunning(interpreter) { seed, check in
                try PNN.sample(source.image, size: target, settings: s, seed: seed, check: check)
            }
            return try self.result(ImageValue(image, name: source.name), into: arguments.string("into"))
        })
        table.register(Command("pnn inpaint", positional: [Parameter("img", .image, "the image with a hole")],
            keywords: [Parameter("mask", .image, "white where the image is to be filled"), levels, into],
            summary: "fill the white part of a mask with patches from the rest of the image (GPNN)",
            help: "pnn inpaint photo mask hole into \"out/filled.png\"\n\nFive levels, no noise; only patches wholly "
                + "outside the hole are used, and the pixels outside it are kept exactly.",
            topic: "pnn") { arguments, interpreter in
            let source = try arguments.image("img"), mask = try arguments.image("mask")
            let hole = Mask(channel: 0, of: mask.image)
            let s = try self.pnnKeywords(arguments, over: self.pnnShared(over: .layoutPreserving))
            let image = try self.pnnRunning(interpreter) { seed, check in
                try PNN.inpaint(source.image, hole: hole, settings: s, seed: seed, check: check)
            }
            return try self.result(ImageValue(image, name: source.name), into: arguments.string("into"))
        })
        table.register(Command("pnn analogy", positional: [Parameter("layout", .image, "whose layout to keep")],
            keywords: [Parameter("patches", .image, "whose patches to use"),
                       Parameter("alpha", .number, default: .number(5e-3), "completeness weight"), levels, into],
            summary: "the layout of one image made of the patches of another (GPNN)",
            help: "pnn analogy sketch patches photo into \"out/analogy.png\"\n\nStarts from the coarsest level of "
                + "LAYOUT (five levels down) and matches against PATCHES' pyramid, with completeness alpha 5e-3 so "
                + "PATCHES' variety shows. The result has LAYOUT's size.",
            topic: "pnn") { arguments, interpreter in
            let layout = try arguments.image("layout"), patches = try arguments.image("patches")
            let s = try self.pnnKeywords(arguments, over: self.pnnShared(over: .analogy))
            let image = try self.pnnRunning(interpreter) { seed, check in
                try PNN.analogy(layout: layout.image, patches: patches.image, settings: s, seed: seed, check: check)
            }
            return try self.result(ImageValue(image, name: layout.name), into: arguments.string("into"))
        })
        table.register(Command("pnn edit", positional: [Parameter("edited", .image, "a crude edit of the original")],
            keywords: [Parameter("original", .image, "the unedited image"), levels, into],
            summary: "make a crude edit (pasted, painted) coherent with the original's patches (GPNN)",
            help: "pnn edit moved original photo into \"out/edit.png\"\n\nFive levels, no noise, no completeness: the "
                + "edit's layout made of the original's patches.",
            topic: "pnn") { arguments, interpreter in
            let edited = try arguments.image("edited"), original = try arguments.image("original")
            let s = try self.pnnKeywords(arguments, over: self.pnnShared(over: .layoutPreserving))
            let image = try self.pnnRunning(interpreter) { seed, check in
                try PNN.edit(original: original.image, edited: edited.image, settings: s, seed: seed, check: check)
            }
            return try self.result(ImageValue(image, name: original.name), into: arguments.string("into"))
        })
        registerCompareCommands()
    }

    private func pnnSample(_ arguments: Arguments, _ interpreter: Interpreter) throws -> Value {
        let source = try arguments.image("img")
        let count = arguments.int("count") ?? 1
        guard (1...10_000).contains(count) else {
            throw ScriptError(.runtime, "'pnn' count must be from 1 to 10000, got \(count)", at: arguments.location(of: "count"))
        }
        let target = try pnnTargetSize(arguments, source.image, command: "pnn")
        let s = try pnnKeywords(arguments, over: pnnSettings())
        let paths = try arguments.string("into").map { try numberedPaths($0, count: count) }
        var images: [ImageValue] = []
        for i in 0..<count {
            let image = try pnnRunning(interpreter) { seed, check in
                try PNN.sample(source.image, size: target, settings: s, seed: seed, check: check)
            }
            if let paths { try saveImage(image, to: paths[i]) }
            images.append(ImageValue(image, name: source.name))
        }
        if let paths { output.info(wroteMessage(paths)) }
        return count == 1 ? .host(images[0]) : .list(images.map { .host($0) })
    }

    /// `scale WxH` times the image's size, or `size WxH`; nil when neither is given.
    private func pnnTargetSize(_ arguments: Arguments, _ image: Image, command: String) throws -> (width: Int, height: Int)? {
        if arguments.isGiven("scale") && arguments.isGiven("size") {
            throw ScriptError(.runtime, "'\(command)' takes 'scale WxH' or 'size WxH', not both", at: arguments.location(of: "size"))
        }
        var target: (width: Int, height: Int)? = nil
        if let (x, y) = arguments.size("scale") {
            guard x > 0, y > 0, x <= 16, y <= 16 else {
                throw ScriptError(.runtime, "'scale' factors must be in (0, 16], got \(Value.size(x, y))", at: arguments.location(of: "scale"))
            }
            target = (max(1, Int((Double(image.width) * x).rounded())), max(1, Int((Double(image.height) * y).rounded())))
        } else if arguments.isGiven("size") {
            target = try pixelSize(arguments, "size")
        }
        if let target, target.width * target.height > PNN.maxOutputPixels {
            throw ScriptError(.runtime, "'\(command)' makes at most \(PNN.maxOutputPixels / 1_000_000) megapixels, got "
                + "\(target.width)x\(target.height)", at: arguments.location(of: arguments.isGiven("size") ? "size" : "scale"))
        }
        return target
    }

    /// Runs one PNN computation with a seed drawn from the session's generator, stopping
    /// on Ctrl-C between steps; PNN errors (image too small, mask too large) are the user's.
    func pnnRunning<T>(_ interpreter: Interpreter, _ body: (UInt64, () throws -> Void) throws -> T) throws -> T {
        let seed = try withRandom { $0.next() }
        do {
            return try body(seed) { try interpreter.interrupt.check() }
        } catch let error as PNNError {
            throw ScriptError.runtime(error.description)
        }
    }
}
