import Foundation
import Tensor

/// Saving and loading models as safetensors files (docs/model-format.md).
///
/// Everything needed to reconstruct and sample exactly like the saved model is in the file:
/// settings, pyramid geometry, the training pyramid, reconstruction noise, noise amplitudes,
/// every trained G and D with their BatchNorm running statistics.
extension Model {
    public static let formatName = "sgs-singan"
    public static let formatVersion = 1

    /// Writes the model (trained scales only) to `path`, via a temporary file and a rename.
    public func save(to path: String) throws {
        var file = SafeTensorsFile(path: path)
        file.setMetadata("format", Model.formatName)
        file.setMetadata("format_version", Model.formatVersion)
        if recipe == .consingan { file.setMetadata("recipe", recipe.rawValue) }
        file.setMetadata("settings", String(decoding: try Model.settingsCoder.encode(settings), as: UTF8.self))
        file.setMetadata("seed", seed)
        file.setMetadata("source_name", source.name)
        file.setMetadata("source_size", [source.width, source.height])
        file.setMetadata("source_checksum", source.checksum)
        file.setMetadata("pyramid", geometry.kind.rawValue)
        file.setMetadata("size", [geometry.width, geometry.height])
        file.setMetadata("scale_factor", geometry.scaleFactor)
        file.setMetadata("scale_sizes", geometry.sizes.flatMap { [$0.width, $0.height] })
        file.setMetadata("trained_scales", scales.filter(\.trained).map(\.index))
        file.setMetadata("noise_amps", scales.map { Double($0.noiseAmp) })
        file.setMetadata("channels", scales.map { $0.generator?.width ?? 0 })
        if settings.trainingSwitches != nil {  // for people; the settings are what counts
            file.setMetadata("switches", settings.switches.summary)
        }
        if let randomState { file.setMetadata("random_state", randomState.map(String.init).joined(separator: ",")) }
        for scale in scales {
            let prefix = "scale\(scale.index)."
            file.add(prefix + "real", scale.real)
            guard scale.trained, let g = scale.generator, let d = scale.discriminator else { continue }
            file.add(prefix + "reconstruction_noise", scale.reconstructionNoise)
            for (net, parts) in [("G", (g.stack.namedParameters, g.stack.namedStatistics)), ("D", (d.namedParameters, d.namedStatistics))] {
                for (name, tensor) in parts.0 { file.add(prefix + net + "." + name, tensor) }
                for (name, stats) in parts.1 {
                    file.add(prefix + net + "." + name + ".running_mean", Tensor(stats.mean, shape: [stats.mean.count]))
                    file.add(prefix + net + "." + name + ".running_var", Tensor(stats.variance, shape: [stats.variance.count]))
                }
            }
        }
        addLossHistories(to: &file)
        addLabels(to: &file)
        if recipe == .consingan { addStages(to: &file) }
        try file.write(to: path)
    }

    /// Reads a model written by `save(to:)`, checking every tensor's presence and shape.
    public static func load(from path: String) throws -> Model {
        try load(try SafeTensorsFile.read(from: path))
    }

    /// A model from a safetensors file already read (errors name `file.path`).
    public static func load(_ file: SafeTensorsFile) throws -> Model {
        let path = file.path
        func fail(_ problem: String) -> ModelFileError { ModelFileError(path: path, problem: problem) }
        guard let format = file.metadata["format"] else {
            throw fail("not an sgs model (a safetensors file without sgs metadata; was it written by another program?)")
        }
        guard format == formatName else { throw fail("not an sgs model (format \"\(format)\")") }
        let version = try file.metadataInt("format_version")
        guard version == formatVersion else {
            throw fail("model format version \(version) is not supported (this sgs reads version \(formatVersion))")
        }
        let settings: Settings
        do { settings = try settingsCoder.decoder.decode(Settings.self, from: Data(try file.metadataString("settings").utf8)) }
        catch let error as ModelFileError { throw error }
        catch { throw fail("metadata \"settings\" is unreadable: \(error)") }
        if let problem = settings.problem { throw fail("metadata \"settings\": \(problem)") }
        let sourceSize = try file.metadataInts("source_size")
        guard sourceSize.count == 2, sourceSize.allSatisfy({ (1...1 << 20).contains($0) }) else {
            throw fail("metadata \"source_size\" must hold a width and a height in 1...\(1 << 20)")
        }
        try file.requireFiniteValues(fail)
        let geometry: PyramidGeometry
        let kindName = file.metadata["pyramid"] ?? PyramidKind.standard.rawValue
        guard let kind = PyramidKind(rawValue: kindName) else { throw fail("unknown pyramid kind \"\(kindName)\"") }
        do { geometry = try PyramidGeometry.make(kind, width: sourceSize[0], height: sourceSize[1], settings: settings) }
        catch { throw fail("its settings do not give a valid pyramid: \(error)") }
        guard try file.metadataInts("scale_sizes") == geometry.sizes.flatMap({ [$0.width, $0.height] }) else {
            throw fail("its pyramid sizes do not match its settings")
        }
        let source = SourceImage(name: try file.metadataString("source_name"), width: sourceSize[0],
                                 height: sourceSize[1], checksum: try file.metadataString("source_checksum"))
        let reals = try geometry.sizes.indices.map { k in
            try file.tensor("scale\(k).real", shape: [1, 3, geometry.sizes[k].height, geometry.sizes[k].width])
        }
        let model = Model(settings: settings, geometry: geometry, source: source, reals: reals,
                          seed: try file.metadataUInt64("seed"))
        try model.restoreLabels(from: file, fail: fail)
        if model.recipe == .consingan {
            try model.restoreStages(from: file, fail: fail)
        } else {
            try model.restoreScales(from: file, fail: fail)
        }
        try model.restoreLossHistories(from: file, fail: fail)
        if let text = file.metadata["random_state"] {
            let words = text.split(separator: ",").compactMap { UInt64($0) }
            guard RandomSource(state: words) != nil else { throw fail("metadata \"random_state\" is \"\(text)\", not a generator state") }
            model.randomState = words
        }
        return model
    }

    private func restoreScales(from file: SafeTensorsFile, fail: (String) -> ModelFileError) throws {
        let amps = try file.metadataDoubles("noise_amps"), widths = try file.metadataInts("channels")
        let trainedList = try file.metadataInts("trained_scales")
        try Model.checkScaleMetadata(amps: amps, widths: widths, trained: trainedList, scaleCount: scales.count,
                                     settings: settings, file: file, fail: fail)
        let trained = Set(trainedList)
        var rng = RandomSource(seed: 0)  // nets are overwritten by the file's weights
        for scale in scales where trained.contains(scale.index) {
            let prefix = "scale\(scale.index)."
            scale.noiseAmp = Float(amps[scale.index])
            scale.reconstructionNoise = try file.tensor(prefix + "reconstruction_noise", shape: scale.real.shape)
            let g = Generator(width: widths[scale.index], settings: settings, labelChannels: labelChannels, using: &rng)
            let d = Discriminator(width: widths[scale.index], settings: settings,
                                  critics: Discriminator.criticCount(height: scale.height, width: scale.width, settings: settings),
                                  labelChannels: labelChannels, using: &rng)
            for (net, parts) in [("G", (g.stack.namedParameters, g.stack.namedStatistics)), ("D", (d.namedParameters, d.namedStatistics))] {
                for (name, tensor) in parts.0 {
                    let stored = try file.tensor(prefix + net + "." + name, shape: tensor.shape)
                    tensor.pointer.update(from: stored.pointer, count: tensor.count)
                }
                for (name, stats) in parts.1 {
                    let c = [stats.mean.count]
                    stats.mean = try file.tensor(prefix + net + "." + name + ".running_mean", shape: c).values
                    stats.variance = try file.tensor(prefix + net + "." + name + ".running_var", shape: c).values
                }
            }
            g.stack.training = false
            d.training = false
            scale.generator = g
            scale.discriminator = d
            scale.trained = true
        }
        guard let finest = finestTrained ?? (trained.isEmpty ? coarsest + 1 : nil), trained.count == coarsest + 1 - finest else {
            throw fail("its trained scales \(trained.sorted()) are not a run from the coarsest scale")
        }
    }

    static let settingsCoder = SettingsCoder()
}

/// JSON for settings with sorted keys, so the same settings give the same bytes.
struct SettingsCoder {
    let decoder = JSONDecoder()
    func encode(_ settings: Settings) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(settings)
    }
}
