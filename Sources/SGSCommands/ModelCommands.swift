// Models: pyramid (a new untrained model), load model, save model, scales(m).
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerModelCommands() {
        let table = session.table
        let sgm = ArgType.path(["sgm"])
        table.register(pyramidCommand)
        table.register(Command("load model", positional: [Parameter("file", sgm, "the model file")],
                               summary: "read a saved model and make it current",
                               help: "load model \"balloons.sgm\"\n\nTraining continues where it stopped; "
                                   + "`train` then checkpoints into this file after each scale.",
                               topic: "models") { arguments, _ in
            let path = arguments["file"].printed
            let value = ModelValue(try withFile(path) { try Model.load(from: path) })
            self.makeCurrent(value, path: path)
            return .host(value)
        })
        table.register(Command("save model", positional: [Parameter("file", sgm, "the model file to write")],
                               keywords: [Parameter("model", .model, default: .none, "the model (default: the current one)")],
                               summary: "write a model (trained scales, noise, settings) to a file",
                               help: "save model \"balloons.sgm\"\n\nAfter saving the current model, `train` "
                                   + "checkpoints it into the same file after each finished scale.",
                               topic: "models") { arguments, _ in
            let path = arguments["file"].printed
            let value = try arguments.host("model", as: ModelValue.self) ?? self.currentValue()
            try withFile(path) {
                try makeParentFolder(of: path)
                try value.model.save(to: path)
            }
            if value === self.current { self.modelPath = path }
            self.output.info("wrote \(path)")
            return .none
        })
        table.register(Command("scales", positional: [Parameter("m", .model, "a model")],
                               summary: "the number of scales of a model", help: "print scales(m)",
                               topic: "models") { arguments, _ in
            .number(Double(arguments.host("m", as: ModelValue.self)?.model.scales.count ?? 0))
        })
    }

    private var pyramidCommand: Command {
        Command("pyramid", positional: [Parameter("img", .image, "the training image")],
                keywords: [Parameter("scale", .number, default: .none, "factor between scales (setting scale)"),
                           Parameter("min", .int, default: .none, "coarsest shorter side in pixels (setting min)"),
                           Parameter("max", .int, default: .none, "finest longer side in pixels (setting max)"),
                           Parameter("scales", .int, default: .none, "number of scales (setting scales)")],
                summary: "build the image pyramid and a new untrained model, made current",
                help: "pyramid photo\npyramid photo min 16 max 120 scales 5\n\nPrints the table of scales. "
                    + "The keywords override the settings of the same name for this pyramid; the network "
                    + "settings (channels, layers, kernel, ...) are fixed here too.",
                topic: "models") { arguments, _ in
            try checkPyramidKeywords(arguments)
            var settings = self.modelSettings()
            if let factor = arguments.number("scale") { settings.scaleFactor = factor }
            if let minimum = arguments.int("min") { settings.minSize = minimum }
            if let maximum = arguments.int("max") { settings.maxSize = maximum }
            if let count = arguments.int("scales") { settings.scales = count }
            let source = try arguments.image("img")
            let seed = UInt64(truncatingIfNeeded: self.interpreter.seed ?? 0)
            let model: Model
            do {
                model = try Model(image: source.image, name: source.name, settings: settings, seed: seed)
            } catch let error as UserError {
                throw ScriptError(.runtime, "pyramid: \(error.description)", at: arguments.location(of: "img"))
            }
            let value = ModelValue(model, image: source.image)
            self.makeCurrent(value, path: nil)
            self.pyramidTable(model).forEach(self.output.print)
            self.announceEstimate(model)
            return .host(value)
        }
    }

    /// `scale  size     channels` per level, coarsest first.
    func pyramidTable(_ model: Model) -> [String] {
        var lines = ["scale  size      channels"]
        for k in stride(from: model.coarsest, through: 0, by: -1) {
            let scale = model.scales[k]
            let size = "\(scale.width)x\(scale.height)"
            let channels = model.width(ofScale: k)
            lines.append(pad(String(k), 7) + pad(size, 10) + String(channels))
        }
        let fit = model.geometry.fit < 1 ? ", shrunk from \(model.geometry.sourceWidth)x\(model.geometry.sourceHeight)" : ""
        lines.append("\(model.scales.count) scales, factor \(formatFactor(model.scaleFactor))\(fit); n = \(model.coarsest)"
                     + (model.recipe == .consingan ? "; recipe consingan" : ""))
        return lines
    }
}

/// The same bounds as the settings of the same names.
private func checkPyramidKeywords(_ arguments: Arguments) throws {
    for (name, bounds) in [("min", 1.0...16384), ("max", 1...16384), ("scales", 1...100)] {
        if let x = arguments.number(name), !bounds.contains(x) {
            throw ScriptError(.runtime, "'\(name)' must be in \(Int(bounds.lowerBound))...\(Int(bounds.upperBound)), got \(formatNumberText(x))",
                              at: arguments.location(of: name))
        }
    }
}

private func formatNumberText(_ x: Double) -> String { Value.number(x).description }

/// Left-aligned in a column of `width` characters (at least one space after).
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

/// A factor with three decimals: 0.752.
func formatFactor(_ x: Double) -> String {
    let thousandths = Int((x * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}
