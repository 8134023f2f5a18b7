// `tutorial`: the guided tour, one step per call so a teacher can talk in between.
// `tutorial 5` jumps to step 5, first running the statements of the steps skipped
// (without their explanations), so the tour resumes in a fresh session.
import Foundation

extension Interpreter {
    var tutorialCommand: Command {
        Command("tutorial", positional: [Parameter("step", .int, default: .none, shown: "the next step",
                                                   "the step to show, 1 to \(TutorialStep.all.count)")],
                keywords: [Parameter("iters", .int, default: .none, shown: "\(TutorialStep.defaultIterations)",
                                     "iterations per scale of the tour's training")],
                summary: "a guided tour of SinGAN in \(TutorialStep.all.count) short steps (tutorial 5 resumes at step 5)",
                help: "tutorial\ntutorial 5\ntutorial 1 iters 200\n\nEach call shows one step: what it does and "
                    + "why, then its statements, which run as if typed. `tutorial` again goes on to the next step. "
                    + "It trains a tiny model on a drawn image, in seconds; `iters` trains longer for better "
                    + "pictures. The tour changes settings (channels, iters, ...): `reset` restores them.",
                recorded: false) { arguments, interpreter in
            if let iterations = arguments.int("iters") {
                guard iterations >= 1 else {
                    throw ScriptError(.runtime, "'tutorial' needs 'iters' >= 1", at: arguments.location(of: "iters"))
                }
                interpreter.tutorialIterations = iterations
            }
            let step = arguments.int("step") ?? interpreter.tutorialStep + 1
            guard (1...TutorialStep.all.count).contains(step) else {
                throw ScriptError(.runtime, "the tutorial has steps 1 to \(TutorialStep.all.count)",
                                  at: arguments.location(of: "step"))
            }
            try interpreter.runTutorial(step: step)
            return .none
        }
    }

    private func runTutorial(step number: Int) throws {
        if number > tutorialStep + 1 { try catchUp(to: number) }
        let step = TutorialStep.all[number - 1]
        output.print("== tutorial step \(number) of \(TutorialStep.all.count): \(step.title) ==")
        printHelp([fill(step.text)])
        for statement in step.statements.map(fill) {
            output.print("sgs> " + statement)
            try runTutorialStatement(statement, step: number)
        }
        tutorialStep = number
        if number < TutorialStep.all.count {
            output.print("(next: tutorial, for step \(number + 1): \(TutorialStep.all[number].title))")
        }
    }

    /// Runs the statements of the steps before `number` that have not run, without their
    /// explanations and without previews.
    private func catchUp(to number: Int) throws {
        let first = tutorialStep + 1
        output.info("catching up: running the statements of steps \(first) to \(number - 1) first")
        let saved = output
        output = QuietOutput(saved)
        defer { output = saved }
        for index in first..<number {
            for statement in TutorialStep.all[index - 1].statements.map(fill) where !statement.hasPrefix("show") {
                try runTutorialStatement(statement, step: index)
            }
        }
    }

    private func runTutorialStatement(_ text: String, step: Int) throws {
        let source = Source(name: "<tutorial step \(step)>", text: text)
        let statements = try Parser.parse(source)
        var checker = Checker(interpreter: self)
        try checker.check(statements)
        for statement in statements { _ = try execute(statement, in: globals) }
    }

    private func fill(_ text: String) -> String {
        text.replacingOccurrences(of: "{iters}", with: String(tutorialIterations))
    }
}

/// Drops results and notices, keeps errors: the catch-up runs silently.
private final class QuietOutput: OutputSink {
    let base: OutputSink
    init(_ base: OutputSink) { self.base = base }
    func print(_ line: String) {}
    func info(_ line: String) {}
    func error(_ text: String) { base.error(text) }
}
