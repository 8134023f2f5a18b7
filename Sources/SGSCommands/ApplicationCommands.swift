// The built-ins the stdlib applications (stdlib/harmonize.sgs, edit.sgs, paint2image.sgs,
// superres.sgs, animate.sgs, retarget.sgs) are written with: inject with a mask, super-
// resolution training and upscaling, a fresh walk, size checks for retargeting, and fail.
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerApplicationCommands() {
        let table = session.table
        table.register(injectCommand)
        table.register(Command("train_superres", positional: [Parameter("img", .image, "the low-resolution image")],
            keywords: [Parameter("factor", .number, default: .number(4), "the super-resolution factor S")],
            summary: "train a super-resolution model on an image (used by superres)",
            help: "let m = (train_superres (load \"33039_LR.png\") factor 4)\n\nThe reference's SR training: "
                + "reconstruction weight (alpha) 100, min 18, and the factor between scales 1/r with "
                + "r = S^(1/steps), steps = round(log(S) / log(2^(1/3))). Other settings (iters, channels, ...) "
                + "come from the session. Returns the model; the current model is not changed.",
            topic: "applications") { arguments, _ in
            try self.trainSuperres(arguments)
        })
        table.register(Command("upscale", positional: [Parameter("m", .model, "a model from train_superres")],
            keywords: [Parameter("factor", .number, default: .number(4), "the factor it was trained for"),
                       Parameter("into", .imageFile, default: .none, "write the image (.png, .jpg, .gif)")],
            summary: "super-resolve a model's training image step by step (used by superres)",
            help: "upscale m factor 4 into \"out/hr.png\"\n\nUpsamples by r, runs the finest generator with its noise "
                + "amplitude, repeats `steps` times, and crops to round(S * W) x round(S * H).",
            topic: "applications") { arguments, _ in
            guard let value = arguments.host("m", as: ModelValue.self) else { return .none }
            let plan = try self.superresolutionPlan(arguments)
            guard abs(value.model.scaleFactor * plan.step - 1) < 1e-9 else {
                throw ScriptError(.runtime, "this model was not trained for x\(arguments.number("factor") ?? 4) "
                                  + "(its steps are x\(1 / value.model.scaleFactor)); train it with train_superres",
                                  at: arguments.location(of: "factor"))
            }
            let image = try self.applying { try self.withRandom { try value.model.superresolve(plan, using: &$0) } }
            return try self.result(ImageValue(image, name: value.model.source.name + "_HR"), into: arguments.string("into"))
        })
        table.register(Command("walk reset", summary: "forget the walk and its frames, so the next walk z starts afresh",
            help: "walk reset\nwalk z steps 100", topic: "generate") { _, _ in
            self.walk = nil
            self.frames = []
            return .none
        })
        table.register(Command("smallest_size", summary: "the smallest sample size the current model can make",
            help: "print (smallest_size)\n\nSmaller sizes would make the coarsest scale narrower than the receptive field.",
            topic: "applications") { _, _ in
            let least = try self.trainedModel().smallestRetargetSize
            return .size(Double(least.width), Double(least.height))
        })
        table.register(Command("fits", positional: [Parameter("size", .size, "a sample size in pixels")],
            summary: "whether the current model can make a sample of this size",
            help: "if not (fits 30x20) { print \"too small\" }", topic: "applications") { arguments, _ in
            let (width, height) = try pixelSize(arguments, "size")
            let least = try self.trainedModel().smallestRetargetSize
            return .bool(width >= least.width && height >= least.height && max(width, height) <= Model.maxRetargetSide)
        })
        table.register(Command("fail", positional: [Parameter("message", .string, "what went wrong")],
            summary: "stop with an error (for checks in def commands)",
            help: "if k > n { fail \"scale {k} is too coarse\" }\n\nA runtime error with this message, "
                + "reported at the call, like a built-in's.", topic: "language") { arguments, _ in
            throw ScriptError.runtime(arguments["message"].printed)
        })
    }

    /// inject, extended from the bindings' version with the reference's masked blend, the
    /// fresh-noise start and direct feeding.
    private var injectCommand: Command {
        Command("inject", positional: [Parameter("img", .image, "the image to feed in")],
            keywords: [Parameter("at", .scale, "the scale it enters (0 to n-1)"),
                       Parameter("mask", .image, default: .none, "blend into the training image where this is white"),
                       Parameter("radius", .int, default: .number(7), "mask dilation in pixels (7; editing uses 20)"),
                       Parameter("from", .scale, default: .none, "fresh noise from this scale down (default: K)"),
                       Parameter("direct", .bool, default: .bool(false), "feed IMG as it is, resized to scale K"),
                       Parameter("into", .imageFile, default: .none, "write the image (.png, .jpg, .gif)")],
            summary: "feed an image into scale K and run the finer generators",
            help: "inject paint at n-1 into \"out/paint2photo.png\"\ninject naive at 3 mask spot\n\n"
                + "The image is resized to the training size (with a notice), taken down to scale K+1 and up to K, "
                + "then the generators from K to 0 redraw it with fresh noise. With `mask M` the output is blended "
                + "into the training image as the reference does: out = (1 - m) * real + m * output, with m the "
                + "mask's nonzero pixels dilated by `radius`, blurred (sigma 5) and normalised. `from K2` keeps the "
                + "scales coarser than K2 noise-free (the reference's gen_start_scale). `direct` skips the trip "
                + "through scale K+1 (paint2image's quantized input).",
            topic: "generate") { arguments, _ in
            try self.inject(arguments)
        }
    }

    private func inject(_ arguments: Arguments) throws -> Value {
        let model = try trainedModel()
        let source = try arguments.image("img")
        let k = arguments.int("at") ?? 0
        let from = arguments.int("from")
        let mask = arguments.host("mask", as: ImageValue.self)?.image
        let radius = arguments.int("radius") ?? Model.harmonizationMaskRadius
        guard (0...500).contains(radius) else {
            throw ScriptError(.runtime, "'radius' must be from 0 to 500, got \(radius)", at: arguments.location(of: "radius"))
        }
        let injected = try applying { try withRandom {
            try model.injection(source.image, at: k, mask: mask, radius: radius, from: from,
                                direct: arguments.bool("direct"), using: &$0)
        } }
        injected.notices.forEach { output.info("inject: \($0)") }
        let image = injected.output
        return try result(ImageValue(image, name: source.name), into: arguments.string("into"))
    }

    private func superresolutionPlan(_ arguments: Arguments) throws -> SuperResolutionPlan {
        do { return try SuperResolutionPlan(factor: arguments.number("factor") ?? 4) } catch let error as UserError {
            throw ScriptError(.runtime, error.description, at: arguments.location(of: "factor"))
        }
    }

    private func trainSuperres(_ arguments: Arguments) throws -> Value {
        let source = try arguments.image("img")
        let plan = try superresolutionPlan(arguments)
        let settings = trainingSettings(over: modelSettings())
        let seed = UInt64(truncatingIfNeeded: interpreter.seed ?? 0)
        let model: Model
        do {
            model = try SuperResolution.model(for: source.image, plan: plan, name: source.name, settings: settings, seed: seed)
        } catch let error as UserError {
            throw ScriptError(.runtime, "train_superres: \(error.description)", at: arguments.location(of: "img"))
        }
        output.info("super-resolution x\(plan.factor): \(plan.steps) steps of \(String(format: "%.5f", plan.step)); "
                    + "training \(model.scales.count) scales at factor \(String(format: "%.5f", model.scaleFactor)), alpha 100")
        var trainer = Trainer(model: model)
        let interrupt = interpreter.interrupt
        let report = trainingProgress ?? { status in
            if status.isScaleFinished { self.output.info("scale \(status.scale) trained (\(status.iterations) iterations)") }
        }
        trainer.progress = { report(TrainingStatus($0, coarsest: model.coarsest)) }
        trainer.shouldStop = { interrupt.isRequested }
        let outcome = try withRandom { try trainer.train(using: &$0) }
        if case .interrupted(let scale, let iteration) = outcome {
            throw ScriptError(.interrupted, "interrupted at scale \(scale), iteration \(iteration)")
        }
        return .host(ModelValue(model))
    }

    func trainedModel() throws -> Model {
        let model = try currentModel()
        guard model.finestTrained == 0 else {
            throw ScriptError.runtime("the current model is not fully trained; run 'train' first")
        }
        return model
    }

    /// Application errors (bad scale, empty mask, impossible size) are the user's to fix.
    func applying<T>(_ body: () throws -> T) throws -> T {
        try generating(body)
    }
}
