// Measuring PNN samples, and PNN beside the trained GAN on one contact sheet: the picture a
// workshop discusses (which is closer to the image, which varies more, which copies).
import Imaging
import Script
import SinGAN
import Tensor

extension SGSSession {
    func registerCompareCommands() {
        let table = session.table
        registerSheetCommand()
        table.register(Command("pnn score", positional: [Parameter("img", .image, "the image to vary")],
            keywords: [Parameter("count", .int, default: .number(20), "samples to draw"),
                       Parameter("alpha", .number, default: .none, "completeness weight (pnnalpha)"),
                       Parameter("noise", .number, default: .none, "noise at the coarsest level (pnnnoise)")],
            summary: "measure PNN samples of an image: patch SWD, diversity, copy share",
            help: "pnn score photo count 20\npnn score photo alpha 0.005\n\nDraws COUNT samples with the pnn settings and "
                + "prints the SWD to the image (lower is closer), the diversity (as `score`) and the copy share: the "
                + "mean share of a sample's patches that come from one single aligned place of the image (1 is a "
                + "copy). Returns the mean SWD.",
            topic: "pnn") { arguments, interpreter in
            let source = try arguments.image("img")
            let count = try self.scoreCount(arguments)
            let s = try self.pnnKeywords(arguments, over: self.pnnSettings())
            let samples = try (0..<count).map { _ in
                try self.pnnRunning(interpreter) { seed, check in try PNN.sample(source.image, settings: s, seed: seed, check: check) }
            }
            let result = try self.scoreLine(real: source.image, samples: samples, label: "pnn")
            return .number(result.swdMean)
        })
        table.register(Command("compare", keywords: [Parameter("count", .int, default: .number(4), "samples of each"),
                                                     Parameter("into", .path(["png"]), default: .none, "write the sheet")],
            summary: "samples of the current model and of PNN on one sheet, with their scores",
            help: "compare count 6 into \"out/compare.png\"\n\nThe first row holds COUNT samples of the trained model, "
                + "the second COUNT PNN samples (pnn settings) of its training image; both sets are scored against "
                + "that image (SWD, diversity, copy share) and printed. Returns the sheet.",
            topic: "pnn") { arguments, interpreter in
            let model = try self.currentModel()
            let count = try self.scoreCount(arguments)
            let real = model.scales[0].real.image()
            var gan: [Image] = []
            for _ in 0..<count {
                try interpreter.interrupt.check()
                gan.append(try self.generating { try self.withRandom { try model.samples(count: 1, using: &$0)[0] } })
            }
            let s = self.pnnSettings()
            let pnn = try (0..<count).map { _ in
                try self.pnnRunning(interpreter) { seed, check in try PNN.sample(real, settings: s, seed: seed, check: check) }
            }
            _ = try self.scoreLine(real: real, samples: gan, label: "gan")
            _ = try self.scoreLine(real: real, samples: pnn, label: "pnn")
            let sheet = contactSheet(gan + pnn, columns: count)
            return try self.result(ImageValue(sheet, name: model.source.name + "_compare"), into: arguments.string("into"))
        })
    }

    private func registerSheetCommand() {
        session.table.register(Command("sheet", positional: [Parameter("images", .list, "images (a list)")],
            keywords: [Parameter("columns", .int, default: .none, "images per row (default: about square)"),
                       Parameter("into", .path(["png"]), default: .none, "write a PNG")],
            summary: "lay images out on one contact sheet",
            help: "sheet (pnn photo 8) columns 4 into \"out/sheet.png\"\n\nImages of any sizes, row by row, each centred "
                + "in its cell, on a dark gray background.", topic: "images") { arguments, _ in
            let items = arguments.list("images") ?? []
            let images = try items.enumerated().map { i, item -> Image in
                guard case .host(let value) = item, let image = value as? ImageValue else {
                    throw ScriptError(.runtime, "'sheet' needs a list of images; item \(i) is \(item.typeWithArticle)",
                                      at: arguments.location(of: "images"))
                }
                return image.image
            }
            guard !images.isEmpty else { throw ScriptError(.runtime, "'sheet' needs at least one image", at: arguments.location(of: "images")) }
            if let columns = arguments.int("columns"), !(1...1000).contains(columns) {
                throw ScriptError(.runtime, "'columns' must be from 1 to 1000, got \(columns)", at: arguments.location(of: "columns"))
            }
            let sheet = contactSheet(images, columns: arguments.int("columns"))
            return try self.result(ImageValue(sheet, name: "sheet"), into: arguments.string("into"))
        })
    }

    private func scoreCount(_ arguments: Arguments) throws -> Int {
        let count = arguments.int("count") ?? 1
        guard (1...1000).contains(count) else {
            throw ScriptError(.runtime, "'count' must be from 1 to 1000, got \(count)", at: arguments.location(of: "count"))
        }
        return count
    }

    /// Scores samples against the image and prints `LABEL: SWD ..., copy share ...`.
    private func scoreLine(real: Image, samples: [Image], label: String) throws -> QualityScore {
        let seed = try withRandom { $0.next() }
        let result = try generating { try SinGAN.score(real: Tensor(real), samples: samples.map { Tensor($0) }, seed: seed) }
        let copies = samples.map { PNN.copyShare(sample: $0, of: real) }
        let copy = copies.reduce(0, +) / Double(max(copies.count, 1))
        output.print("\(label): \(result.description), copy share \(String(format: "%.3f", copy))")
        return result
    }
}
