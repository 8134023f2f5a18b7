// The conditional model in the language (issue 13, docs/semantic.md): `train labels MAP`
// makes the current model one whose generators and critics see the label map, `translate`
// makes a photo of any map of its palette, and `fidelity` measures how closely an image
// follows a map (the layout fidelity the docs report).
import Imaging
import Script
import SinGAN

extension SGSSession {
    /// The most labels a conditional model takes (one input channel each), as `labels colors K`.
    static let maxModelLabels = 64

    func registerConditionalCommands() {
        let table = session.table
        table.register(Command("translate", positional: [Parameter("map", .image, "a label map in the model's palette, any size")],
            keywords: [Parameter("into", .imageFile, default: .none, "write the image (.png, .jpg, .gif)")],
            summary: "a photo of a label map from the current model (trained with 'train labels')",
            help: "let photo2 = (translate map)\ntranslate (fill map rect 20x10+5+5 color palette(map)[1]) into \"out/translated.png\"\n\n"
                + "The map is snapped to the model's palette first (nearest colour in CIELAB, with a notice when some "
                + "pixels are not palette colours). Each call draws fresh noise: another photo of the same layout. "
                + "`sample` on such a model translates the map it was trained on.", topic: "labels") { arguments, _ in
            let model = try self.currentModel()
            let source = try arguments.image("map")
            let map = try self.modelMap(source.image, model)
            let image = try self.generating { try self.withRandom { try model.translate(map, using: &$0)[0] } }
            return try self.result(ImageValue(image, name: source.name), into: arguments.string("into"))
        })
        table.register(Command("fidelity", positional: [Parameter("img", .image, "an image made from the map"),
                                                        Parameter("map", .image, "the label map it was made from")],
            summary: "layout fidelity: the share of pixels whose nearest palette colour is the map's label",
            help: "print fidelity(photo, map)\nlet translated = (translate map)\nprint fidelity(translated, map)\n\nEvery pixel of IMG is labelled with MAP's palette as "
                + "`labels IMG like MAP` does, and the share (0 to 1) whose label is MAP's label at that pixel is returned.",
            topic: "labels") { arguments, _ in
            let image = try arguments.image("img").image, map = try self.flatMap(arguments, "map")
            guard image.width == map.width, image.height == map.height else {
                throw ScriptError(.runtime, "the image is \(image.width)x\(image.height) but the map is \(map.width)x\(map.height)",
                                  at: arguments.location(of: "img"))
            }
            return .number(labelFidelity(image, to: map))
        })
    }

    /// `train labels MAP [boundaries B]`: makes `model` conditional on MAP (the photo's map, at
    /// the photo's or the training size), or checks that it already is.
    func attachLabels(_ model: Model, _ arguments: Arguments) throws {
        guard arguments.isGiven("labels") else {
            if arguments.isGiven("boundaries") {
                throw ScriptError(.runtime, "'boundaries' goes with 'labels MAP'", at: arguments.location(of: "boundaries"))
            }
            return
        }
        var map = try flatMap(arguments, "labels")
        guard map.palette.count <= SGSSession.maxModelLabels else {
            throw ScriptError(.runtime, "the label map has \(map.palette.count) colours; a model takes at most \(SGSSession.maxModelLabels) "
                              + "(make it with 'labels IMG colors K')", at: arguments.location(of: "labels"))
        }
        let g = model.geometry, source = model.source
        if map.width == source.width, map.height == source.height, (g.width, g.height) != (map.width, map.height) {
            map = map.resized(width: g.width, height: g.height)
        } else if (map.width, map.height) != (g.width, g.height) {
            throw ScriptError(.runtime, "the label map is \(map.width)x\(map.height) but the model's photo is \(source.width)x\(source.height)",
                              at: arguments.location(of: "labels"))
        }
        let boundaries = arguments.isGiven("boundaries") ? arguments.bool("boundaries") : (model.labels?.boundaries ?? false)
        if let old = model.labels, old.map.labels == map.labels, old.palette == map.palette, old.boundaries == boundaries { return }
        guard model.trainedCount == 0 else {
            throw ScriptError(.runtime, model.labels == nil
                ? "this model's scales were trained without labels; start a new one with 'pyramid IMG' to train on labels"
                : "this model was trained on another label map (or boundary setting); start a new one with 'pyramid IMG'",
                at: arguments.location(of: "labels"))
        }
        model.labels = LabelConditioning(map: map, boundaries: boundaries)
        output.info("train labels: \(map.palette.count) labels\(boundaries ? " and their boundaries" : ""), "
                    + "random 3/4 crops and mirroring of the pair, half the iterations each")
    }

    /// An image argument that is a label map (at most 256 flat colours).
    private func flatMap(_ arguments: Arguments, _ name: String) throws -> LabelMap {
        guard let map = flatLabels(try arguments.image(name).image) else {
            throw ScriptError(.runtime, "'\(name)' is not a label map: it has more than 256 colours (make one with "
                              + "'labels IMG colors K', or snap a painting with 'labels IMG like MAP')", at: arguments.location(of: name))
        }
        return map
    }

    /// `image` as labels of `model`'s palette: the nearest palette colour per pixel, with a
    /// notice when some pixels are not palette colours.
    private func modelMap(_ image: Image, _ model: Model) throws -> LabelMap {
        guard let palette = model.labels?.palette else {
            throw ScriptError.runtime("this model was not trained on labels (train one with 'train labels MAP')")
        }
        let (map, far) = snapLabels(image, to: palette, farDeltaE: SGSSession.farDeltaE)
        let known = Set(palette)
        let n = image.planeSize
        let off = (0..<n).filter { !known.contains(SIMD3(image.pixels[$0], image.pixels[n + $0], image.pixels[2 * n + $0])) }.count
        if off > 0 {
            let share = { (v: Double) in String(format: "%.1f%%", v * 100) }
            output.info("translate: \(share(Double(off) / Double(n))) of the map's pixels are not colours of the model's palette; "
                        + "each takes the nearest (\(share(far)) further than ΔE 10)")
        }
        return map
    }
}
