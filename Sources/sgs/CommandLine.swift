// The command line: run a file, standard input, `-c` statements or a syntax check,
// or start the REPL. Every path ends in a sysexits status (Options.usage lists them).
import Glibc
import Foundation
import SGSCommands
import Script

let sgsVersion = "0.1.0"

enum ExitCode {
    static let ok: Int32 = 0
    static let usage: Int32 = 64
    static let syntax: Int32 = 65
    static let io: Int32 = 74
}

/// The one place a session is built: the language with sgs's commands (SGSCommands), wired
/// to the terminal's progress line, inline previews and width. The SGSSession is kept alive
/// by its command handlers, so returning `session` is enough.
func makeSession(output: TerminalOutput, interactive: Bool = false) -> Session {
    let sgs = SGSCommands.makeSession(output: output, interrupt: .shared, stdlibPath: Launcher.stdlibPath())
    sgs.trainingProgress = output.quiet ? { _ in } : { status in
        output.progress.update(scale: status.scale, iteration: status.iteration, iterations: status.iterations,
                               lossD: status.discriminatorLoss, lossG: status.generatorLoss,
                               lossRec: status.reconstructionLoss, seconds: status.seconds, coarsest: status.coarsest,
                               runLeft: status.runSecondsLeft)
    }
    sgs.timeEstimates = !output.quiet
    sgs.showPreview = { path in InlineImage.display(path: path) }
    sgs.livePreviewByDefault = interactive && InlineImage.kind() != nil
    sgs.session.interpreter.helpWidth = { Terminal.columns() }
    return sgs.session
}

struct Launcher {
    let arguments: [String]

    func run() -> Int32 {
        switch arguments.first {
        case "batch": return runBatch(Array(arguments.dropFirst()))
        case "report": return runReport(Array(arguments.dropFirst()))
        default: break
        }
        let options: Options
        do {
            options = try Options.parse(arguments)
        } catch let error as UsageError {
            Terminal.writeError("sgs: \(error.message)\nTry 'sgs --help'.\n")
            return ExitCode.usage
        } catch {
            return ExitCode.usage
        }
        switch options.mode {
        case .help:
            print(Options.usage)
            return ExitCode.ok
        case .version:
            print("sgs \(sgsVersion)")
            return ExitCode.ok
        case .check(let files):
            return check(files, output: TerminalOutput(color: Launcher.wantsColor, quiet: true))
        default:
            return start(options)
        }
    }

    private func start(_ options: Options) -> Int32 {
        let interactive = options.mode == .repl && Terminal.isTerminal(STDIN_FILENO)
        let output = TerminalOutput(color: Launcher.wantsColor, quiet: options.quiet)
        let session = makeSession(output: output, interactive: interactive)
        session.setArguments(options.arguments)
        // Ctrl-C keeps its default (quit at once) until there is something to stop safely.
        var script = ""
        if options.mode == .standardInput || (options.mode == .repl && !interactive) {
            script = Launcher.readStandardInput()
        }
        Signals.install()
        // The thread count is the session's `threads` setting, so `record` keeps it too.
        if let threads = options.threads {
            let status = execute({ try session.run(source: "set threads \(threads)", name: "<command line>") }, output, session)
            if status != ExitCode.ok { return status }
        }
        if let seed = options.seed {
            let status = execute({ try session.run(source: "seed \(seed)", name: "<command line>") }, output, session)
            if status != ExitCode.ok { return status }
        }
        switch options.mode {
        case .file(let path):
            return execute({ try session.runFile(path) }, output, session)
        case .statements(let text):
            let directory = FileManager.default.currentDirectoryPath
            return execute({ try session.run(source: text, name: "<command line>", directory: directory) }, output, session)
        case .repl where interactive:
            return REPL(session: session, output: output).run()
        default:
            // `sgs -`, or `sgs` with standard input from a pipe or file: a script, as lua.c does.
            let directory = FileManager.default.currentDirectoryPath
            return execute({ try session.run(source: script, name: "<stdin>", directory: directory) }, output, session)
        }
    }

    /// Colour for diagnostics: a person is at a colour terminal on both ends.
    private static var wantsColor: Bool {
        Terminal.isTerminal(STDIN_FILENO) && Terminal.wantsColor(on: STDERR_FILENO)
    }

    private static func readStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Runs one script to its end or its first error and turns the outcome into a status.
    private func execute(_ body: () throws -> Void, _ output: TerminalOutput, _ session: Session) -> Int32 {
        Signals.commandStarted()
        defer { Signals.commandFinished() }
        do {
            try body()
            fflush(nil)
            return session.exitStatus
        } catch let error as ScriptError {
            output.report(error)
            return error.kind == .interrupted ? Signals.interruptedStatus : error.exitCode
        } catch {
            output.report(error)
            return 70
        }
    }

    private func check(_ files: [String], output: TerminalOutput) -> Int32 {
        // The whole command table (stdlib included), so calls are checked as a run would see them.
        let session = makeSession(output: output)
        var status = ExitCode.ok
        for path in files {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                output.error("sgs: '\(path)' is a directory, not a script")
                status = max(status, ExitCode.io)
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                output.error("sgs: cannot read '\(path)'")
                status = max(status, ExitCode.io)
                continue
            }
            do {
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
                try session.check(source: String(decoding: data, as: UTF8.self), name: path, directory: directory)
            } catch {
                output.report(error)
                status = max(status, (error as? ScriptError)?.exitCode ?? ExitCode.syntax)
            }
        }
        return status
    }

    /// stdlib/ for `use` and `run`: $SGS_STDLIB, else the first `stdlib` folder found
    /// next to the executable or up to four folders above it (the source tree in development).
    static func stdlibPath() -> String? {
        if let path = Terminal.environment("SGS_STDLIB") { return path }
        let executable = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("share/sgs/stdlib")
        if FileManager.default.fileExists(atPath: installed.path) { return installed.path }
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("stdlib")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                return candidate.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
