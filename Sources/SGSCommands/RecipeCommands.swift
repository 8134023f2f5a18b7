// Recipes and presets: `recipe consingan` picks ConSinGAN training for the next
// `pyramid`, with its own defaults for the settings both recipes share; `preset workshop`
// sets the measured fast configuration (docs/consingan.md).
import Script
import SinGAN

extension SGSSession {
    func registerRecipeCommands() {
        let c = ConSinGANSettings()
        settings.register(Setting("recipe", .string, default: .string(Recipe.singan.rawValue),
                                  "training recipe: \"singan\" (a GAN per scale) or \"consingan\" (one growing generator); sets that recipe's defaults",
                                  validate: { value in
            guard case .string(let name) = value, Recipe(rawValue: name) == nil else { return nil }
            return "must be one of " + Recipe.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        }))
        settings.register(Setting("traindepth", .int, default: .number(Double(c.trainDepth)),
                                  "consingan: how many of the newest stages train together", validate: { value in
            if case .number(let x) = value, !(1...100).contains(x) { return "must be in 1...100" }
            return nil
        }))
        settings.register(Setting("lrscale", .number, default: .number(Double("\(c.lrScale)") ?? 0.1),
                                  "consingan: a stage k below the newest trains at lrg x lrscale^k", validate: { value in
            if case .number(let x) = value, !(0...1).contains(x) { return "must be in 0...1" }
            return nil
        }))
        settings.register(Setting("batchnorm", .bool, default: .bool(c.batchNorm),
                                  "consingan: BatchNorm in the generator (SinGAN always has it)"))
        let previous = settings.onChange
        settings.onChange = { name, value in
            previous?(name, value)
            if name == "recipe", case .string(let recipe) = value { self.recipeChanged(to: Recipe(rawValue: recipe) ?? .singan) }
        }
        session.table.register(recipeCommand)
        session.table.register(presetCommand)
        registerFineTuneCommand()
    }

    private var recipeCommand: Command {
        Command("recipe", positional: [Parameter("name", .word, "singan or consingan")],
                summary: "choose the training recipe of the next pyramid (same as set recipe \"NAME\")",
                help: "recipe consingan\npyramid photo\ntrain\n\nsingan: one GAN per scale, trained one after the other "
                    + "(the default). consingan: one generator that grows a stage per scale, the 3 newest stages "
                    + "trained together at learning rates scaled by 0.1 per stage (Hinz et al. 2021). Choosing a "
                    + "recipe sets its defaults for channels, layers, slope and scales; set them after it to change them.",
                topic: "models") { arguments, _ in
            try self.settings.set("recipe", .string(arguments["name"].printed))
            return .none
        }
    }

    private var presetCommand: Command {
        Command("preset", positional: [Parameter("name", .word, "workshop")],
                summary: "set a measured configuration: workshop = a good model in about 3 minutes",
                help: "preset workshop\npyramid photo\ntrain\n\nworkshop: " + Self.workshopPreset.map { "\($0.0) \($0.1.printed)" }
                    .joined(separator: ", ") + " (measured in docs/performance.md).",
                topic: "models") { arguments, _ in
            let name = arguments["name"].printed
            guard name == "workshop" else {
                throw ScriptError(.runtime, "unknown preset '\(name)'; the presets are: workshop", at: arguments.location(of: "name"))
            }
            for (key, value) in Self.workshopPreset { try self.settings.set(key, value) }
            self.output.info("preset workshop: " + Self.workshopPreset.map { "\($0.0) \($0.1.printed)" }.joined(separator: ", "))
            return .none
        }
    }

    /// The workshop configuration (chosen by measurement; docs/performance.md).
    static var workshopPreset: [(String, Value)] { [
        ("recipe", .string("consingan")), ("max", .number(128)), ("min", .number(16)), ("scales", .number(6)),
        ("channels", .number(24)), ("iters", .number(400)), ("lrscale", .number(0.5)),
    ] }

    /// The settings each recipe's paper uses where the two differ.
    private func applyRecipeDefaults(_ recipe: Recipe) {
        let singan = SinGAN.Settings(), consingan = SinGAN.Settings.consinganDefaults
        let values: [(String, Value)] = recipe == .consingan
            ? [("channels", .number(Double(consingan.channels))), ("layers", .number(Double(consingan.layers))),
               ("slope", .number(Double("\(consingan.leakySlope)") ?? 0.05)), ("scales", .number(Double(consingan.stages)))]
            : [("channels", .number(Double(singan.channels))), ("layers", .number(Double(singan.layers))),
               ("slope", .number(Double("\(singan.leakySlope)") ?? 0.2)), ("scales", .none)]
        for (key, value) in values { try? settings.set(key, value) }
        output.info("recipe \(recipe.rawValue): " + values.map { "\($0.0) \($0.1.printed)" }.joined(separator: ", "))
    }

    /// A recipe chosen after `pyramid` switches the current model to it while no scale is
    /// trained (the pyramid is rebuilt: the recipes space their scales differently), with one
    /// notice instead of one per default it sets; otherwise it waits for the next `pyramid`.
    private func recipeChanged(to recipe: Recipe) {
        guard let value = current, value.model.recipe != recipe else { return applyRecipeDefaults(recipe) }
        current = nil  // the defaults below go to the session only; the model is rebuilt once
        applyRecipeDefaults(recipe)
        current = value
        let model = value.model
        guard model.trainedCount == 0, let image = value.image else {
            let why = model.trainedCount > 0 ? "the current model has trained scales" : "the current model was loaded, not built here"
            return output.info("recipe \(recipe.rawValue) applies to the next 'pyramid' (\(why))")
        }
        var s = model.settings
        for name in ["channels", "layers", "slope"] {
            SettingField.all.first { $0.name == name }?.write(&s, settings[name])
        }
        s.scales = settings.int("scales")
        s.consingan = consinganSettings()
        do {
            value.model = try Model(image: image, name: model.source.name, settings: s, seed: model.seed)
        } catch {
            return output.info("recipe \(recipe.rawValue) applies to the next 'pyramid' (the current image gives no pyramid with it: \(error))")
        }
        walk = nil
        frames = []
        let finest = value.model.scales[0]
        output.info("recipe \(recipe.rawValue) applied to the current model (no scale is trained yet): "
                    + "\(value.model.scales.count) scales, finest \(finest.width)x\(finest.height), \(s.channels) channels")
    }

    /// ConSinGAN's own settings from the session (nil for the singan recipe).
    func consinganSettings() -> ConSinGANSettings? {
        guard case .string(let name) = settings["recipe"], Recipe(rawValue: name) == .consingan else { return nil }
        var c = ConSinGANSettings()
        if let depth = settings.int("traindepth") { c.trainDepth = depth }
        if let scale = settings.number("lrscale") { c.lrScale = Float(scale) }
        if case .bool(let on) = settings["batchnorm"] { c.batchNorm = on }
        return c
    }
}
