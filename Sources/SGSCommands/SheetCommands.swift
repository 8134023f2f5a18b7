// Pictures of a model for teaching: the loss curves of its training (`show losses`), its
// pyramid with the receptive field drawn on each scale (`show pyramid`), and samples from
// every scale (`show samples`). Each writes a PNG preview, or `into FILE`.
import Imaging
import Script
import SinGAN
import Tensor

extension SGSSession {
    func registerSheetCommands() {
        let table = session.table
        let into = Parameter("into", .imageFile, default: .none, "write it to this file instead of a preview")
        table.register(Command("show losses", keywords: [Parameter("scale", .scale, default: .none, "one scale (default: all, coarse to fine)"), into],
            summary: "plot the training losses of every iteration: D, G and reconstruction",
            help: "show losses\nshow losses scale 0 into \"out/losses.png\"\n\nTwo panels over the iterations: the "
                + "discriminator's and generator's adversarial losses, and the reconstruction loss (on a log axis: "
                + "it falls by decades). All scales are "
                + "drawn one after another, coarse to fine, with a divider where each starts. Models keep the history "
                + "in their file, so a loaded model plots too.", topic: "show", recorded: false) { arguments, _ in
            try self.preview(try self.lossPlot(scale: arguments.int("scale"), at: arguments.location(of: "scale")), "losses",
                             into: arguments.string("into"))
            return .none
        })
        table.register(Command("show pyramid", keywords: [into],
            summary: "a labelled sheet of the current model's scales, coarsest first, with the receptive field",
            help: "show pyramid\nshow pyramid into \"out/pyramid.png\"\n\nEach scale is magnified to one height, "
                + "labelled with its number and size; the yellow square is the receptive field of its networks "
                + "(what one discriminator output sees): large at coarse scales, so they learn the layout, small at fine "
                + "ones, which learn texture.", topic: "show", recorded: false) { arguments, _ in
            try self.preview(try self.pyramidSheet(), "pyramid", into: arguments.string("into"))
            return .none
        })
        table.register(Command("show samples", keywords: [Parameter("count", .int, default: .number(3), "samples per row"), into],
            summary: "a labelled sheet of samples from every scale: row K starts fresh noise at scale K",
            help: "show samples\nshow samples count 4 into \"out/samples.png\"\n\nRow K is `sample COUNT from K`: "
                + "the scales coarser than K keep the training image's layout, so the rows show what each scale "
                + "decides. The samples come from the model's own seed, not the session's draws, so a sheet never "
                + "changes what later commands draw.", topic: "show", recorded: false) { arguments, _ in
            let count = arguments.int("count") ?? 3
            guard (1...8).contains(count) else {
                throw ScriptError(.runtime, "'count' must be from 1 to 8, got \(count)", at: arguments.location(of: "count"))
            }
            try self.preview(try self.samplesSheet(count: count), "samples", into: arguments.string("into"))
            return .none
        })
    }

    private func lossPlot(scale: Int?, at location: SourceLocation) throws -> Image {
        let model = try currentModel()
        if let scale, scale > model.coarsest {
            throw ScriptError(.runtime, "scale \(scale) does not exist (the model has scales 0 to \(model.coarsest))", at: location)
        }
        let chosen = stride(from: model.coarsest, through: 0, by: -1).map { model.scales[$0] }
            .filter { !$0.lossHistory.isEmpty && (scale == nil || $0.index == scale) }
        guard !chosen.isEmpty else {
            throw ScriptError(.runtime, scale.map { "scale \($0) has no loss history (train it first)" }
                              ?? "no loss history yet (train a scale first)", at: location)
        }
        var dividers: [PlotDivider] = [], history: [Losses] = []
        for scale in chosen {
            dividers.append(PlotDivider(at: history.count, String(scale.index)))
            history += scale.lossHistory
        }
        let panels = [PlotPanel("ADVERSARIAL", [PlotSeries("D", history.map(\.discriminator), Colors.blue),
                                                PlotSeries("G", history.map(\.generator), Colors.red)]),
                      PlotPanel("RECONSTRUCTION (LOG)", [PlotSeries("REC", history.map(\.reconstruction), Colors.green)],
                                logarithmic: true)]
        let what = chosen.count == 1 ? "ITERATION AT SCALE \(chosen[0].index)" : "ITERATION (SCALES \(chosen[0].index) TO \(chosen.last!.index))"
        return linePlot(panels, xLabel: what, dividers: chosen.count == 1 ? [] : dividers)
    }

    private func pyramidSheet() throws -> Image {
        let model = try currentModel()
        let field = model.settings.receptiveField
        let cells = stride(from: model.coarsest, through: 0, by: -1).map { k -> SheetCell in
            let scale = model.scales[k]
            return SheetCell(scale.real.image(), caption: ["SCALE \(k)", "\(scale.width)X\(scale.height)"], square: field)
        }
        let height = max(128, model.scales[0].height)
        return labelledSheet(cells, columns: min(cells.count, 5), cellHeight: height,
                             title: "\(model.source.name): RECEPTIVE FIELD \(field) PX (YELLOW)")
    }

    private func samplesSheet(count: Int) throws -> Image {
        let model = try currentModel()
        var cells: [SheetCell] = []
        // Its own generator: `show` is not recorded, so it must not move the session's draws.
        var random = RandomSource(seed: model.seed)
        for k in stride(from: model.coarsest, through: 0, by: -1) {
            try interpreter.interrupt.check()
            let images = try generating { try model.samples(count: count, from: k, using: &random) }
            cells += images.enumerated().map { SheetCell($1, caption: [$0 == 0 ? "FROM \(k)" : ""]) }
        }
        return labelledSheet(cells, columns: count, cellHeight: max(96, model.scales[0].height),
                             title: "\(model.source.name): ROW K = FRESH NOISE FROM SCALE K")
    }
}
