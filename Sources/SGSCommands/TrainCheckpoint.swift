// Resumable training: `train into FILE` and the `checkpoint` setting. A script that
// builds its pyramid and trains into a checkpoint can be stopped at any point (Ctrl-C,
// SIGTERM from `kill` or Slurm) and run again: the second run loads the scales the first
// one finished and trains only the rest.
import Foundation
import Script
import SinGAN
import Tensor

extension SGSSession {
    func registerCheckpointSetting() {
        settings.register(Setting("checkpoint", .path(["sgm"]), default: .string(""),
                                  "model file every `train` resumes from and saves to (\"\": none; as `train into FILE`)"))
    }

    /// `into FILE`, else the `checkpoint` setting, else nil.
    func checkpointFile(_ arguments: Arguments) -> String? {
        if let file = arguments.string("into") { return file }
        guard case .string(let file) = settings["checkpoint"], !file.isEmpty else { return nil }
        return file
    }

    /// Makes `file` the current model's file and, when it holds the same model with more
    /// trained scales, continues from those. A file of another image or other network
    /// settings is an error rather than something to overwrite.
    func resume(_ value: ModelValue, from file: String, at location: SourceLocation?) throws {
        guard value === current else { return }
        if FileManager.default.fileExists(atPath: file) {
            let saved = try withFile(file) { try Model.load(from: file) }
            if let mismatch = checkpointMismatch(saved, value.model) {
                throw ScriptError(.runtime, "checkpoint \(file) holds another model (\(mismatch)); "
                                  + "delete it or train into another file", at: location)
            }
            if saved.trainedCount > value.model.trainedCount {
                value.model = saved
                // Draw on from where the saved run was, so the result is the uninterrupted one.
                if let state = saved.randomState, let generator = RandomSource(state: state) { random = generator }
                walk = nil
                frames = []
                output.info("resuming from \(file): \(saved.trainedCount) of \(saved.scales.count) scales trained")
            }
        } else {
            try withFile(file) { try makeParentFolder(of: file) }
        }
        modelPath = file
    }

    /// Why `saved` is not a checkpoint of `model` (nil: it is). Training settings may differ.
    private func checkpointMismatch(_ saved: Model, _ model: Model) -> String? {
        if saved.source.checksum != model.source.checksum { return "trained on another image than \(model.source.name)" }
        if saved.geometry != model.geometry { return "another pyramid" }
        if trainingSettings(over: saved.settings) != trainingSettings(over: model.settings) { return "other network settings" }
        if saved.seed != model.seed { return "another seed" }
        return nil
    }
}
