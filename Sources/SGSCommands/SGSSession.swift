// The sgs language bound to the SinGAN and Imaging modules: the public entry point
// the REPL and the command line call.
//
//     let sgs = makeSession(output: StandardOutput(), interrupt: .shared, stdlibPath: "stdlib")
//     sgs.trainingProgress = { status in ... }       // redraw a progress line (optional)
//     sgs.showPreview = { path in ... }              // display a preview PNG inline (optional)
//     try sgs.session.runFile("quickstart.sgs")      // or sgs.session.run(source:name:)
//
// `makeSession` registers every command of the design's first set in the session's
// command table (so help, completion and docs/language.md see them), the SinGAN
// settings, the host variable `n`, and the standard library's search path. The
// session state the commands share (current model, random generator, walk frames)
// lives here. Handlers hold this object strongly, so keeping only `session` is enough.
import Foundation
import Imaging
import Script
import SinGAN
import Tensor

/// What a training run reports after every iteration, for progress lines.
public struct TrainingStatus: Sendable {
    /// The scale being trained (0 is the finest) and the model's coarsest scale.
    public var scale: Int
    public var coarsest: Int
    /// Iterations done at this scale (1-based) and planned.
    public var iteration: Int
    public var iterations: Int
    /// Discriminator, generator (adversarial) and reconstruction losses of this iteration.
    public var discriminatorLoss: Float
    public var generatorLoss: Float
    public var reconstructionLoss: Float
    /// Seconds since this scale started.
    public var seconds: Double
    /// Seconds left in the whole `train` call (all its scales), when known.
    public var runSecondsLeft: Double? = nil
    /// True on the last iteration of the scale.
    public var isScaleFinished: Bool { iteration == iterations }
    /// Iterations per second so far at this scale.
    public var rate: Double { seconds > 0 ? Double(iteration) / seconds : 0 }
}

/// Creates a session with every sgs command registered. `stdlibPath` is put on the
/// search path of `use` and `run`.
public func makeSession(output: OutputSink, interrupt: Interrupt = .shared, stdlibPath: String?) -> SGSSession {
    SGSSession(output: output, interrupt: interrupt, stdlibPath: stdlibPath)
}

public final class SGSSession {
    public let session: Session
    /// Called after every training iteration. Nil: a plain line every few seconds and
    /// one per finished scale (what scripts and pipes want). The REPL sets its own.
    public var trainingProgress: ((TrainingStatus) -> Void)?
    /// Called with the path of every preview PNG `show` writes, so a terminal that can
    /// display images shows it inline (the path is printed either way).
    public var showPreview: ((String) -> Void)?
    /// Whether `train` shows a preview of the scale in training every 30 s unless the setting
    /// `preview` says otherwise: the command line sets it for a REPL on an image terminal.
    public var livePreviewByDefault = false
    /// Whether `pyramid` and `train` state estimated training times (Commands/TimeEstimates.swift).
    public var timeEstimates = false
    /// Where `show` writes previews (default `$XDG_RUNTIME_DIR/sgs` or `/tmp/sgs-UID`).
    public var previewFolder: String

    var interpreter: Interpreter { session.interpreter }
    var settings: SettingTable { session.settings }
    var output: OutputSink { session.output }

    /// The model `n`, `train`, `sample`, ... work on.
    var current: ModelValue?
    /// The file the current model was loaded from or saved to: `train` checkpoints it there.
    var modelPath: String?
    /// The session's one generator; nil until seeded or first used.
    var random: RandomSource?
    /// The walk `walk z` continues, and its frames.
    var walk: NoiseWalk?
    var frames: [Image] = []
    var previewCount = 0
    /// Starts every preview's file name, so sessions side by side never overwrite each other.
    public var previewPrefix = "\(ProcessInfo.processInfo.processIdentifier)-"

    public init(output: OutputSink, interrupt: Interrupt = .shared, stdlibPath: String?) {
        session = Session(output: output, interrupt: interrupt)
        previewFolder = PreviewFiles.defaultFolder()
        if let stdlibPath { session.searchPaths = [stdlibPath] }
        session.setArguments([])
        registerSettings()
        registerImageCommands()
        registerModelCommands()
        registerTrainCommand()
        registerGenerateCommands()
        registerWalkCommands()
        registerShowCommands()
        registerLivePreviewSetting()
        registerShowSettings()
        registerPrimitiveCommands()
        registerApplicationCommands()
        registerPNNCommands()
        registerLabelCommands()
        registerRecipeCommands()
        interpreter.hostVariables = { [self] name in
            guard name == "n" else { return nil }
            return .number(Double(try currentModel().coarsest))
        }
        interpreter.hostVariableNames = { ["n"] }
        if let stdlibPath { loadStandardLibrary(from: stdlibPath) }
    }

    /// Runs every `.sgs` file directly in the stdlib folder once (as `use` would), so the
    /// applications written in the language (`harmonize`, `animate`, ...) are commands from
    /// the start: dispatch, `help` and completion know them without a `use`.
    private func loadStandardLibrary(from folder: String) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in files.sorted() where file.hasSuffix(".sgs") {
            do { try interpreter.use(path: folder + "/" + file) }
            catch { session.report(error) }
        }
    }

    /// The current model, or an error saying how to get one.
    func currentValue() throws -> ModelValue {
        guard let current else {
            throw ScriptError.runtime("no current model (make one with 'pyramid IMG' or 'load model \"f.sgm\"')")
        }
        return current
    }

    func currentModel() throws -> Model { try currentValue().model }

    /// Runs `body` with the session's generator. With no seed set, one is chosen at
    /// random the first time and printed, so the run can be repeated.
    func withRandom<T>(_ body: (inout RandomSource) throws -> T) throws -> T {
        if random == nil {
            let seed = Int.random(in: 1...9999)
            try settings.set("seed", .number(Double(seed)))
            output.info("seed \(seed) (set one with 'seed N')")
            // So `record` reproduces the run: the seed goes before the statement drawing it.
            interpreter.record("seed \(seed)")
        }
        var generator = random ?? RandomSource(seed: 0)
        defer { random = generator }
        return try body(&generator)
    }

    /// Makes `model` current; a new model ends the walk.
    func makeCurrent(_ value: ModelValue, path: String?) {
        current = value
        modelPath = path
        walk = nil
        frames = []
    }
}
