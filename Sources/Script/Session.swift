// The public entry the REPL and the command line use: run source text, check it,
// complete a line, tell whether multi-line input is finished.
import Foundation

public final class Session {
    /// The interpreter, which is also the context host command handlers receive.
    public let interpreter: Interpreter
    public var table: CommandTable { interpreter.table }
    public var settings: SettingTable { interpreter.settings }
    public var output: OutputSink {
        get { interpreter.output }
        set { interpreter.output = newValue }
    }
    /// Folders `use` and `run` search after the current file's folder (add stdlib/ here).
    public var searchPaths: [String] {
        get { interpreter.searchPaths }
        set { interpreter.searchPaths = newValue }
    }
    /// The REPL sets this: top-level commands and expressions print their value
    /// (unless it is none or the statement ends with `;`).
    public var echo = false
    /// With `echo`, receives each result to show instead of printing its one-line
    /// form: the REPL can preview an image inline. Not called for statements ending in `;`.
    public var showResult: ((Value) -> Void)?
    /// `quit` ran; the host should leave.
    public private(set) var quitRequested = false
    /// The status `exit N` asked for (0 for `quit`).
    public private(set) var exitStatus: Int32 = 0

    public init(output: OutputSink = StandardOutput(), interrupt: Interrupt = .shared) {
        interpreter = Interpreter(output: output, interrupt: interrupt)
    }

    /// Parses the whole text, then runs its statements in order, stopping at the
    /// first error (thrown as a located ScriptError). Returns the last statement's value.
    @discardableResult
    public func run(source text: String, name: String, directory: String? = nil) throws -> Value {
        let source = Source(name: name, text: text, directory: directory)
        let statements = try Parser.parse(source)
        var checker = Checker(interpreter: interpreter, laterGlobals: echo)
        try checker.check(statements)
        interpreter.interrupt.clear()
        var last = Value.none
        do {
            for statement in statements {
                last = try runTopLevel(statement, in: source)
            }
        } catch let signal as QuitSignal {
            quitRequested = true
            exitStatus = signal.status
            if let message = signal.message { output.error(message) }
        } catch let error as ScriptError {
            if error.kind == .interrupted { interpreter.interrupt.clear() }
            throw error
        }
        return last
    }

    /// Runs a script file (its folder is searched first by `use` and `run`).
    @discardableResult
    public func runFile(_ path: String) throws -> Value {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ScriptError.io("'\(path)' is a directory, not a script (give a .sgs file, or no file for the REPL)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError.io("cannot read '\(path)'")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try run(source: String(decoding: data, as: UTF8.self), name: path, directory: directory)
    }

    /// Parses and checks every statement against the command table without running
    /// anything (`sgs --check`); throws the first problem.
    public func check(source text: String, name: String, directory: String? = nil) throws {
        var checker = Checker(interpreter: interpreter)
        try checker.check(try Parser.parse(Source(name: name, text: text, directory: directory)))
    }

    /// Writes a rendered diagnostic to the output's error channel.
    public func report(_ error: Error) {
        if let error = error as? ScriptError {
            output.error(error.rendered)
        } else {
            output.error("error: \(error)")
        }
    }

    /// The script's command-line arguments, visible as the list `args`.
    public func setArguments(_ arguments: [String]) {
        interpreter.setGlobal("args", .list(arguments.map { .string($0) }))
    }

    private func runTopLevel(_ statement: Statement, in source: Source) throws -> Value {
        interpreter.transcript.begin(settings: settings)
        guard case .value(let value) = try interpreter.execute(statement, in: interpreter.globals) else {
            return .none
        }
        if isRecorded(statement) { interpreter.transcript.append(source.slice(statement.range)) }
        if producesResult(statement) && !value.isNone {
            interpreter.setGlobal("ans", value)
            if echo && !statement.isSilent { show(value) }
        }
        return value
    }

    private func show(_ value: Value) {
        if let showResult {
            showResult(value)
        } else {
            output.print(value.description)
        }
    }

    private func producesResult(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .command, .expression: return true
        default: return false
        }
    }

    /// Everything but pure expressions and commands marked as not recorded (help, quit).
    private func isRecorded(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .expression: return false
        case .command(let call):
            guard let command = resolve(call) else { return false }
            return command.isRecorded
        default: return true
        }
    }

    private func resolve(_ call: CommandCall) -> Command? {
        interpreter.resolve(call) { interpreter.isBound($0, in: interpreter.globals) }?.0
    }
}
