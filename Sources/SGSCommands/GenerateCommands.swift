// Generation with the current model: sample, reconstruct, score (inject is in ApplicationCommands).
import Imaging
import Script
import SinGAN
import Tensor

extension SGSSession {
    func registerGenerateCommands() {
        let table = session.table
        let png = ArgType.imageFile
        table.register(Command("sample", positional: [Parameter("count", .int, default: .number(1), "how many")],
            keywords: [Parameter("scale", .size, default: .none, "stretch factors: 2x1 is twice as wide"),
                       Parameter("size", .size, default: .none, "the output size in pixels (instead of scale)"),
                       Parameter("from", .scale, default: .none, "fresh noise from this scale down (default n)"),
                       Parameter("into", png, default: .none, "write PNGs; {i} counts from 0")],
            summary: "random samples from the current model",
            help: "sample 4 into \"out/sample_{i}.png\"\nsample scale 2x1\nlet s = (sample 1 from n-1)\n\n"
                + "One sample is an image, several a list of images. Scales coarser than `from` use the "
                + "reconstruction noise, so `from n-1` keeps the training image's global layout. "
                + "`size 500x200` is the same as `scale` with size / training size. Missing folders are created.",
            topic: "generate") { arguments, interpreter in
            try self.sample(arguments, interpreter)
        })
        table.register(Command("reconstruct", keywords: [Parameter("into", png, default: .none, "write a PNG")],
            summary: "the image the fixed reconstruction noise gives (close to the training image)",
            help: "let r = reconstruct\nreconstruct into \"out/reconstruction.png\"", topic: "generate") { arguments, _ in
            let model = try self.currentModel()
            let image = try self.generating { try self.withRandom { try model.reconstruction(using: &$0) } }
            return try self.result(ImageValue(image, name: model.source.name), into: arguments.string("into"))
        })
        table.register(Command("score", keywords: [Parameter("count", .int, default: .number(8), "samples to draw")],
            summary: "measure the model: patch SWD, diversity, reconstruction error",
            help: "score count 16\n\nDraws COUNT samples at the training size and prints the multi-scale sliced "
                + "Wasserstein distance to the training image (lower is closer), the diversity and the "
                + "reconstruction RMSE. Returns the mean SWD.", topic: "generate") { arguments, interpreter in
            try self.score(count: arguments.int("count") ?? 8, interpreter, at: arguments.location(of: "count"))
        })
    }

    private func sample(_ arguments: Arguments, _ interpreter: Interpreter) throws -> Value {
        let model = try currentModel()
        let count = arguments.int("count") ?? 1
        guard (1...10_000).contains(count) else {
            throw ScriptError(.runtime, "'sample' count must be from 1 to 10000, got \(count)", at: arguments.location(of: "count"))
        }
        let stretch = try stretchFactors(arguments, model)
        let paths = try arguments.string("into").map { try numberedPaths($0, count: count) }
        var images: [ImageValue] = []
        for i in 0..<count {
            try interpreter.interrupt.check()
            let image = try generating {
                try withRandom { try model.samples(count: 1, from: arguments.int("from"), stretch: stretch, using: &$0)[0] }
            }
            if let paths { try saveImage(image, to: paths[i]) }
            images.append(ImageValue(image, name: model.source.name))
        }
        if let paths { output.info(wroteMessage(paths)) }
        return count == 1 ? .host(images[0]) : .list(images.map { .host($0) })
    }

    /// `scale WxH` as given, or `size WxH` divided by the training size.
    private func stretchFactors(_ arguments: Arguments, _ model: Model) throws -> (x: Double, y: Double) {
        if arguments.isGiven("scale") && arguments.isGiven("size") {
            throw ScriptError(.runtime, "'sample' takes 'scale WxH' or 'size WxH', not both", at: arguments.location(of: "size"))
        }
        if arguments.isGiven("scale"), arguments["scale"].geometry?.isPlain != true {
            throw ScriptError(.runtime, "'scale' takes two factors like 2x1, not \(arguments["scale"])", at: arguments.location(of: "scale"))
        }
        if let (x, y) = arguments.size("scale") {
            guard x > 0, y > 0, x <= 16, y <= 16 else {
                throw ScriptError(.runtime, "'scale' factors must be in (0, 16], got \(Value.size(x, y))", at: arguments.location(of: "scale"))
            }
            return (x, y)
        }
        guard arguments.isGiven("size") else { return (1, 1) }
        let (width, height) = try pixelSize(arguments, "size", reference: (model.geometry.width, model.geometry.height))
        let stretch = (x: Double(width) / Double(model.geometry.width), y: Double(height) / Double(model.geometry.height))
        guard stretch.x <= 16, stretch.y <= 16 else {
            throw ScriptError(.runtime, "'size' may be at most 16 times the training size (\(model.geometry.width)x\(model.geometry.height))",
                              at: arguments.location(of: "size"))
        }
        return stretch
    }

    private func score(count: Int, _ interpreter: Interpreter, at location: SourceLocation) throws -> Value {
        let model = try currentModel()
        guard (1...1000).contains(count) else {
            throw ScriptError(.runtime, "'count' must be from 1 to 1000, got \(count)", at: location)
        }
        var samples: [Tensor] = []
        for _ in 0..<count {
            try interpreter.interrupt.check()
            samples.append(Tensor(try generating { try withRandom { try model.samples(count: 1, using: &$0)[0] } }))
        }
        let reconstruction = Tensor(try generating { try withRandom { try model.reconstruction(using: &$0) } })
        let seed = try withRandom { $0.next() }
        let result = try generating {
            try SinGAN.score(real: model.scales[0].real, samples: samples, reconstruction: reconstruction, seed: seed)
        }
        output.print(result.description)
        return .number(result.swdMean)
    }

    /// Generation errors (untrained model, scale out of range) are the user's to fix.
    func generating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as UserError {
            throw ScriptError.runtime(error.description)
        }
    }

    /// An image result, written to `path` first when given.
    func result(_ image: ImageValue, into path: String?) throws -> Value {
        if let path {
            try saveImage(image.image, to: path)
            output.info("wrote \(path)")
        }
        return .host(image)
    }
}
