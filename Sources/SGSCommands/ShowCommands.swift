// show: preview PNGs of images, the pyramid, frames; the table of the model.
import Foundation
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerShowCommands() {
        registerSheetCommands()
        let table = session.table
        table.register(Command("show", positional: [Parameter("value", .oneOf([.image, .frames, .list]), "what to preview")],
            summary: "write a preview PNG of an image, frames or a list of images",
            help: "show photo\nshow (sample 4)\n\nThe preview goes into a folder of your own ($XDG_RUNTIME_DIR/sgs, else "
                + "/tmp/sgs-UID; previews older than a day are removed) and its path is printed, even with --quiet; "
                + "terminals that can show images display it inline. See also show pyramid, show samples, show losses, "
                + "show frames, show model, show settings.", topic: "show", recorded: false) { arguments, _ in
            try self.preview(self.previewImage(arguments["value"], at: arguments.location(of: "value")), "show")
            return .none
        })
        table.register(Command("show frames", summary: "a strip of the walk's frames (at most 12, evenly spaced)",
                               help: "show frames", topic: "show", recorded: false) { _, _ in
            guard !self.frames.isEmpty else { throw ScriptError.runtime("no frames yet (make some with 'walk z steps 30')") }
            try self.preview(self.strip(self.frames), "frames")
            return .none
        })
        table.register(Command("show model", summary: "the current model's table: sizes, channels, noise, losses",
                               help: "show model\n\nrf is the receptive field as a share of the scale's shorter side: "
                                   + "large at coarse scales (global layout), small at fine ones (texture). Below the table: the "
                                   + "training switches that are on, and for a model trained with `train labels`, its labels.",
                               topic: "show", recorded: false) { _, _ in
            let model = try self.currentModel()
            self.modelTable(model).forEach(self.output.print)
            return .none
        })
    }

    /// Replaces the language's `show settings` with one that also shows defaults,
    /// now that there are two dozen settings to tell apart.
    func registerShowSettings() {
        session.table.replace(Command("show settings", summary: "list every setting with its value and default",
                                       help: "show settings\n\nChanged settings show their default in parentheses; "
                                           + "`help KEY` explains one.", recorded: false) { _, _ in
            let names = self.settings.names
            let nameWidth = (names.map(\.count).max() ?? 0) + 1
            let rows = names.compactMap { name -> (String, String, String)? in
                guard let setting = self.settings.definition(name) else { return nil }
                let value = self.settings[name], fallback = setting.defaultValue
                let changed = value.description != fallback.description
                return (name, value.description + (changed ? " (default \(fallback))" : ""), setting.summary)
            }
            let valueWidth = (rows.map(\.1.count).max() ?? 0) + 2
            for (name, value, summary) in rows {
                self.output.print(pad(name, nameWidth) + "= " + pad(value, valueWidth) + "# " + summary)
            }
            return .none
        })
    }

    private func previewImage(_ value: Value, at location: SourceLocation?) throws -> Image {
        switch value {
        case .host(let image as ImageValue): return image.image
        case .host(let frames as FramesValue) where !frames.frames.isEmpty: return strip(frames.frames)
        case .list(let items):
            let images = items.compactMap { item -> Image? in
                if case .host(let image as ImageValue) = item { return image.image }
                return nil
            }
            guard !images.isEmpty, images.count == items.count else {
                throw ScriptError(.runtime, "'show' expects a list of images", at: location)
            }
            return contactSheet(images)
        default:
            throw ScriptError(.runtime, "'show' has nothing to show in \(value)", at: location)
        }
    }

    /// Up to 12 frames, evenly spaced, in one row.
    private func strip(_ frames: [Image]) -> Image {
        let shown = min(12, frames.count)
        let picks = (0..<shown).map { frames[$0 * frames.count / shown] }
        return contactSheet(picks, columns: shown)
    }

    /// Writes a preview PNG of an image, frames or a list of images and returns its path
    /// (nil for other values), without printing: for the REPL's `Session.showResult`.
    public func writePreview(of value: Value) throws -> String? {
        switch value {
        case .host(is ImageValue), .host(is FramesValue), .list:
            guard let image = try? previewImage(value, at: nil) else { return nil }
            return try savePreview(image, "result")
        default:
            return nil
        }
    }

    /// `show model`: one row per scale, coarsest first.
    func modelTable(_ model: Model) -> [String] {
        let header = pad("scale", 7) + pad("size", 10) + pad("channels", 10) + pad("rf", 6) + pad("noise", 9)
            + pad("trained", 9) + "losses D / G / rec"
        let recipe = model.recipe == .consingan ? " (recipe consingan)" : ""
        var lines = ["model \(model.source.name): \(model.trainedCount) of \(model.scales.count) scales trained\(recipe)", header]
        let field = model.settings.receptiveField
        for k in stride(from: model.coarsest, through: 0, by: -1) {
            let scale = model.scales[k]
            let channels = model.width(ofScale: k)
            let share = Double(field) / Double(min(scale.width, scale.height))
            let noise = scale.trained ? String(format: "%.4f", scale.noiseAmp) : "-"
            let losses = scale.losses.map { String(format: "%.3f / %.3f / %.4f", $0.discriminator, $0.generator, $0.reconstruction) } ?? "-"
            lines.append(pad(String(k), 7) + pad("\(scale.width)x\(scale.height)", 10) + pad(String(channels), 10)
                         + pad(String(format: "%.2f", min(share, 9.99)), 6) + pad(noise, 9)
                         + pad(scale.trained ? "yes" : "no", 9) + losses)
        }
        let switches = model.settings.switches.summary
        if switches != "none" { lines.append("switches: " + switches) }
        if let labels = model.labels {
            let edges = labels.boundaries ? ", boundaries on" : ""
            lines.append("conditional: a label map of \(labels.palette.count) labels\(edges) (train labels; translate MAP)")
        }
        return lines
    }
}
