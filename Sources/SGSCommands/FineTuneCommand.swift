// finetune: ConSinGAN's fine-tuning of a trained model on a naive image before
// harmonizing or editing it (SinGAN/ConSinGAN/FineTuning.swift).
import Imaging
import Script
import SinGAN

extension SGSSession {
    func registerFineTuneCommand() {
        session.table.register(Command("finetune",
            positional: [Parameter("img", .image, "the naive image (the object pasted into the training image)")],
            keywords: [Parameter("iters", .int, default: .number(500), "iterations"),
                       Parameter("edit", .bool, default: .bool(false), "editing: add 0.1 x noise to the image each iteration")],
            summary: "consingan: fine-tune the model on a naive image before harmonize or edit",
            help: "finetune naive iters 500\nharmonize naive mask m at 0\n\nConSinGAN's --fine_tune: the finest stage "
                + "(and the two below it, at scaled rates) trains again with the naive image, resized to the coarsest "
                + "stage, in place of stage 0's noise. Ctrl-C puts the weights back. SinGAN models have no fine-tuning.",
            topic: "models") { arguments, _ in
            let value = try self.currentValue()
            let image = try arguments.image("img").image
            let iterations = arguments.int("iters") ?? 500
            var trainer = Trainer(model: value.model)
            let report = self.trainingProgress ?? { _ in }
            let model = value.model
            trainer.progress = { report(TrainingStatus($0, coarsest: model.coarsest)) }
            let interrupt = self.interpreter.interrupt
            trainer.shouldStop = { interrupt.isRequested }
            let outcome: TrainingOutcome
            do {
                outcome = try self.withRandom {
                    try trainer.fineTune(on: image, iterations: iterations, editing: arguments.bool("edit"), using: &$0)
                }
            } catch let error as UserError {
                throw ScriptError(.runtime, "finetune: \(error.description)", at: arguments.location(of: "img"))
            }
            if case .interrupted(_, let iteration) = outcome {
                throw ScriptError(.interrupted, "fine-tuning interrupted at iteration \(iteration); the model is as before")
            }
            self.output.info("fine-tuned the finest stages for \(iterations) iterations")
            return .none
        })
    }
}
