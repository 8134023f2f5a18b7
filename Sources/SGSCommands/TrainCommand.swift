// train: scales coarse to fine, with progress, Ctrl-C or SIGTERM between iterations, and
// a checkpoint after each finished scale when the model has a file (`train into FILE`,
// the `checkpoint` setting, or the file it was loaded from or saved to).
import Dispatch
import Foundation
import Script
import SinGAN

extension SGSSession {
    func registerTrainCommand() {
        registerCheckpointSetting()
        session.table.register(Command("train",
            keywords: [Parameter("scale", .scale, default: .none, "train only this scale (the next untrained one)"),
                       Parameter("upto", .scale, default: .none, "train every untrained scale down to this one"),
                       Parameter("iters", .int, default: .none, "iterations per scale (setting iters)"),
                       Parameter("into", .path(["sgm"]), default: .none,
                                 "checkpoint file: resume from it when it exists, save to it after each scale (setting checkpoint)"),
                       Parameter("labels", .image, default: .none, "train a conditional model on this label map of the photo"),
                       Parameter("boundaries", .bool, default: .none, "with labels: the nets also see the map's boundaries")],
            summary: "train the current model's scales coarse to fine",
            help: "train scale n\ntrain upto n-2 iters 500\ntrain\n\nPlain `train` trains every scale not yet trained. "
                + "Training settings (iters, lrg, lrd, alpha, gp, ...) are read at each `train`. Ctrl-C stops "
                + "between iterations and keeps the finished scales; `train` continues from there. A model loaded "
                + "from or saved to a file is saved there again after each finished scale. PGGAN's and pix2pixHD's "
                + "techniques are settings, off by default (help NAME gives each formula): fade, norm, eqlr, mbstd, "
                + "batch, dscales, fm, loss. "
                + "`train into FILE` "
                + "(or `set checkpoint FILE`) makes a script resumable: when FILE holds this model with "
                + "trained scales, training continues from them, and FILE is written after each scale and "
                + "when a signal (Ctrl-C, SIGTERM) stops training. `train labels MAP` trains a conditional model on "
                + "the photo and its label map (docs/semantic.md); `translate` then makes photos of other maps.",
            topic: "models") { arguments, _ in
            try self.train(arguments)
            return .none
        })
    }

    private func train(_ arguments: Arguments) throws {
        let value = try currentValue()
        if arguments.isGiven("scale") && arguments.isGiven("upto") {
            throw ScriptError(.runtime, "'train' takes 'scale K' or 'upto K', not both", at: arguments.location(of: "upto"))
        }
        if let file = checkpointFile(arguments) { try resume(value, from: file, at: arguments.location(of: "into")) }
        try attachLabels(value.model, arguments)
        let target = try targetScale(arguments, value.model)
        guard let next = value.model.nextUntrained, next >= target else {
            output.info(target == 0 ? "every scale is trained" : "scales \(value.model.coarsest)...\(target) are trained")
            return
        }
        let settings = trainingSettings(over: value.model.settings)
        if settings != value.model.settings { value.model = value.model.with(settings: settings) }
        let model = value.model
        var trainer = Trainer(model: model)
        let interrupt = interpreter.interrupt
        let report = trainingProgress ?? plainProgress(model)
        let iterations = arguments.int("iters")
        let clock = RunClock(model: model, to: target, iterations: iterations,
                             calibrated: (iterations ?? 1) >= 1 ? announceTraining(model, to: target, iterations: iterations) : nil)
        var previewClock = 0.0
        trainer.progress = { progress in
            var status = TrainingStatus(progress, coarsest: model.coarsest)
            status.runSecondsLeft = clock.secondsLeft(scale: progress.scale, iteration: progress.iteration, iterations: progress.iterations)
            report(status)
            self.livePreview(status, model, clock: &previewClock)
        }
        trainer.shouldStop = { interrupt.isRequested }
        trainer.scaleFinished = { _ in
            guard let path = self.modelPath, value === self.current else { return }
            try withFile(path) { try model.save(to: path) }
        }
        if let iterations, iterations < 1 {
            throw ScriptError(.runtime, "'iters' must be at least 1, got \(iterations)", at: arguments.location(of: "iters"))
        }
        let outcome = try withRandom { try trainer.train(downTo: target, iterations: iterations, using: &$0) }
        if case .interrupted(let scale, let iteration) = outcome {
            var kept = "trained scales kept"
            if let path = modelPath, value === current, model.trainedCount > 0 {
                try withFile(path) { try model.save(to: path) }
                let count = model.trainedCount
                kept = "\(count) trained scale\(count == 1 ? "" : "s") saved to \(path)"
            }
            throw ScriptError(.interrupted, "interrupted at scale \(scale), iteration \(iteration); \(kept)")
        }
    }

    /// The finest scale this call trains.
    private func targetScale(_ arguments: Arguments, _ model: Model) throws -> Int {
        let keyword = arguments.isGiven("scale") ? "scale" : "upto"
        guard let k = arguments.int(keyword) else { return 0 }
        guard k <= model.coarsest else {
            throw ScriptError(.runtime, "'\(keyword) \(k)' is not a scale of this model; scales run from 0 (finest) "
                              + "to n = \(model.coarsest) (coarsest)", at: arguments.location(of: keyword))
        }
        if keyword == "scale", let next = model.nextUntrained, k < next {
            throw ScriptError(.runtime, "scale \(k) needs the coarser scales first: the next untrained scale is \(next) "
                              + "(train upto \(k) trains them all)", at: arguments.location(of: keyword))
        }
        if keyword == "scale", model.scales[k].trained {
            throw ScriptError(.runtime, "scale \(k) is already trained", at: arguments.location(of: keyword))
        }
        return k
    }

    /// Without a REPL hook: a line every five seconds and one per finished scale.
    private func plainProgress(_ model: Model) -> (TrainingStatus) -> Void {
        var lastLine = DispatchTime.now().uptimeNanoseconds
        return { status in
            let now = DispatchTime.now().uptimeNanoseconds
            let scale = model.scales[status.scale]
            let losses = String(format: "D %.3f  G %.3f  rec %.4f", status.discriminatorLoss,
                                status.generatorLoss, status.reconstructionLoss)
            if status.isScaleFinished {
                self.output.info("scale \(status.scale) trained (\(scale.width)x\(scale.height), \(status.iterations) "
                                 + "iterations, \(String(format: "%.1f", status.seconds)) s): \(losses)")
                lastLine = now
            } else if now - lastLine > 5_000_000_000 {
                self.output.info("scale \(status.scale): iteration \(status.iteration)/\(status.iterations), \(losses), "
                                 + String(format: "%.1f it/s", status.rate))
                lastLine = now
            }
        }
    }
}

extension TrainingStatus {
    init(_ progress: TrainingProgress, coarsest: Int) {
        self.init(scale: progress.scale, coarsest: coarsest, iteration: progress.iteration,
                  iterations: progress.iterations, discriminatorLoss: progress.losses.discriminator,
                  generatorLoss: progress.losses.generator, reconstructionLoss: progress.losses.reconstruction,
                  seconds: progress.seconds)
    }
}
