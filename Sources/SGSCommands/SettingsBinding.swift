// The hyperparameters of SinGAN.Settings as language settings (`set iters 500`),
// one per field, with short names. Pyramid and network settings are read by
// `pyramid` (they shape the model); training settings are read by every `train`.
import Script
import SinGAN
import Tensor

/// One field of SinGAN.Settings exposed as a setting. @unchecked Sendable so the tables
/// below can be static lets: a value type whose closures capture only key paths and
/// constants (not Sendable types, but never mutated).
struct SettingField: @unchecked Sendable {
    enum Phase { case pyramid, training }

    let name: String
    let type: ArgType
    let phase: Phase
    let summary: String
    let read: (SinGAN.Settings) -> Value
    let write: (inout SinGAN.Settings, Value) -> Void
    let validate: (Value) -> String?
    /// Lines `help NAME` shows below the summary (the switches' formulas).
    var details: String = ""

    /// Whole-number fields are bounded above too, so no setting can overflow the
    /// arithmetic of sizes and layer counts.
    static func int(_ name: String, _ path: WritableKeyPath<SinGAN.Settings, Int>, _ phase: Phase,
                    _ summary: String, minimum: Int = 1, maximum: Int) -> SettingField {
        SettingField(name: name, type: .int, phase: phase, summary: summary,
                     read: { .number(Double($0[keyPath: path])) },
                     write: { if let x = $1.number { $0[keyPath: path] = Int(x) } },
                     validate: { within(Double(minimum)...Double(maximum), $0) == nil ? nil : "must be in \(minimum)...\(maximum)" })
    }

    static func float(_ name: String, _ path: WritableKeyPath<SinGAN.Settings, Float>, _ phase: Phase,
                      _ summary: String, within range: ClosedRange<Double> = 0...1e9) -> SettingField {
        SettingField(name: name, type: .number, phase: phase, summary: summary,
                     // Through the shortest decimal, so 5e-4 shows as 0.0005, not 0.0005000000237.
                     read: { .number(Double("\($0[keyPath: path])") ?? 0) },
                     write: { if let x = $1.number { $0[keyPath: path] = Float(x) } },
                     validate: { within(range, $0) })
    }

    static func double(_ name: String, _ path: WritableKeyPath<SinGAN.Settings, Double>, _ phase: Phase,
                       _ summary: String, within range: ClosedRange<Double>) -> SettingField {
        SettingField(name: name, type: .number, phase: phase, summary: summary,
                     read: { .number($0[keyPath: path]) },
                     write: { if let x = $1.number { $0[keyPath: path] = x } },
                     validate: { within(range, $0) })
    }

    private static func within(_ range: ClosedRange<Double>, _ value: Value) -> String? {
        guard let x = value.number else { return nil }
        return range.contains(x) ? nil : "must be in \(range.lowerBound)...\(range.upperBound)"
    }

    /// Every field, in the order of SinGAN.Settings.
    static let all: [SettingField] = core + switches

    private static let core: [SettingField] = [
        .int("min", \.minSize, .pyramid, "shorter side in pixels at the coarsest scale", maximum: 16384),
        .int("max", \.maxSize, .pyramid, "longer side in pixels at the finest scale (larger images are shrunk)", maximum: 16384),
        .double("scale", \.scaleFactor, .pyramid, "factor between scales (re-fitted to the image)", within: 0.05...0.99),
        .int("channels", \.channels, .pyramid, "conv channels at the coarsest scales (the paper's nfc)", maximum: 4096),
        .int("maxchannels", \.maxChannels, .pyramid, "channel cap as the width doubles at finer scales", maximum: 4096),
        .int("doubleevery", \.doubleEvery, .pyramid, "the width doubles every this many scales", maximum: 1000),
        .int("layers", \.layers, .pyramid, "conv layers per generator and discriminator", minimum: 2, maximum: 64),
        .int("kernel", \.kernel, .pyramid, "conv kernel size", minimum: 1, maximum: 31),
        .float("slope", \.leakySlope, .pyramid, "negative slope of the LeakyReLUs", within: 0...1),
        .int("iters", \.iterations, .training, "iterations per scale", maximum: 10_000_000),
        .float("lrg", \.learningRateG, .training, "generator learning rate (Adam)", within: 0...1),
        .float("lrd", \.learningRateD, .training, "discriminator learning rate (Adam)", within: 0...1),
        .float("beta1", \.beta1, .training, "Adam beta1", within: 0...0.999_999),
        .float("beta2", \.beta2, .training, "Adam beta2", within: 0...0.999_999),
        .double("decay", \.decayAt, .training, "fraction of the iterations where the learning rate drops", within: 0...1),
        .float("decayfactor", \.decayFactor, .training, "what the learning rate is multiplied by there", within: 0...1),
        .int("dsteps", \.dSteps, .training, "discriminator steps per iteration", maximum: 1000),
        .int("gsteps", \.gSteps, .training, "generator steps per iteration", maximum: 1000),
        .float("gp", \.gpWeight, .training, "gradient penalty weight (WGAN-GP lambda)"),
        .float("alpha", \.reconstructionWeight, .training, "reconstruction loss weight"),
        .float("noise", \.noiseAmp, .training, "noise amplitude factor: sigma = noise x RMSE of the upsampled reconstruction"),
    ]
}

extension SGSSession {
    func registerSettings() {
        let defaults = SinGAN.Settings()
        for field in SettingField.all {
            settings.register(Setting(field.name, field.type, default: field.read(defaults), field.summary,
                                      details: field.details, validate: field.validate))
        }
        settings.register(Setting("scales", .int, default: .none, "number of scales (none: from min, max and scale)",
                                  validate: { value in
            if case .number(let x) = value, !(1...100).contains(x) { return "must be in 1...100" }
            return nil
        }))
        settings.register(Setting("lr", .number, default: .number(Double("\(defaults.learningRateG)") ?? 5e-4),
                                  "sets both lrg and lrd", validate: { value in
            if case .number(let x) = value, !(0...1).contains(x) { return "must be in 0...1" }
            return nil
        }))
        settings.register(Setting("threads", .int, default: .none,
                                  "worker threads (none: every core; the same count gives the same pixels)", validate: { value in
            if case .number(let x) = value, x < 1 || x > 256 { return "must be in 1...256" }
            return nil
        }))
        settings.register(Setting("fps", .number, default: .number(10), "frames per second of GIFs",
                                  validate: { value in
            if case .number(let x) = value, !(x > 0 && x <= 100) { return "must be more than 0 and at most 100" }
            return nil
        }))
        settings.onChange = { name, value in self.settingChanged(name, value) }
    }

    private func settingChanged(_ name: String, _ value: Value) {
        if name == "scales" || SettingField.all.contains(where: { $0.name == name && $0.phase == .pyramid }) {
            pyramidSettingChanged(name)
        }
        // `set seed default`, `reset`: the next draw picks a seed and prints it.
        if name == "seed", value.isNone { random = nil }
        guard case .number(let x) = value else { return }
        switch name {
        case "seed": random = RandomSource(seed: UInt64(truncatingIfNeeded: Int64(x)))
        case "threads": Threads.set(Int(x))
        case "lr":
            try? settings.set("lrg", value)
            try? settings.set("lrd", value)
        default: break
        }
    }

    /// A pyramid or network setting changed after `pyramid` is never ignored without a word:
    /// while no scale of the current model is trained the model is rebuilt with it, else
    /// it waits for the next `pyramid`.
    private func pyramidSettingChanged(_ name: String) {
        guard let value = current else { return }
        let model = value.model
        guard model.trainedCount == 0 else {
            output.info("\(name) applies to the next 'pyramid' (the current model has trained scales)")
            return
        }
        var settings = model.settings
        if name == "scales" {
            settings.scales = self.settings.int("scales")
        } else if let field = SettingField.all.first(where: { $0.name == name }) {
            field.write(&settings, self.settings[name])
        }
        let rebuilt: Model
        if ["min", "max", "scale", "scales"].contains(name) {
            guard let image = value.image else {
                output.info("\(name) applies to the next 'pyramid' (the current model was loaded, not built here)")
                return
            }
            do {
                rebuilt = try Model(image: image, name: model.source.name, settings: settings, seed: model.seed)
            } catch {
                output.info("\(name) applies to the next 'pyramid' (the current image gives no pyramid with it: \(error))")
                return
            }
        } else {
            rebuilt = Model(settings: settings, geometry: model.geometry, source: model.source,
                            reals: model.scales.map(\.real), seed: model.seed)
        }
        value.model = rebuilt
        walk = nil
        frames = []
        let finest = rebuilt.scales[0]
        output.info("\(name) applied to the current model (no scale is trained yet): \(rebuilt.scales.count) scales, "
                    + "finest \(finest.width)x\(finest.height), \(rebuilt.settings.channels)-\(rebuilt.settings.maxChannels) channels")
    }

    /// SinGAN settings from the session's current values.
    func modelSettings() -> SinGAN.Settings {
        var result = SinGAN.Settings()
        for field in SettingField.all { field.write(&result, settings[field.name]) }
        result.scales = settings.int("scales")
        result.consingan = consinganSettings()
        return result
    }

    /// A model's settings with the session's training settings laid over them.
    func trainingSettings(over base: SinGAN.Settings) -> SinGAN.Settings {
        var result = base
        for field in SettingField.all where field.phase == .training { field.write(&result, settings[field.name]) }
        if let session = consinganSettings(), result.consingan != nil {  // the net's shape (batchnorm) stays
            result.consingan?.trainDepth = session.trainDepth
            result.consingan?.lrScale = session.lrScale
        }
        return result
    }
}
