// The language's own commands. The host adds image and model commands to the
// same table in its own files.

extension Interpreter {
    func registerBuiltins() {
        settings.register(Setting("seed", .int, default: .none,
                                  "seed of every random draw that follows (none: chosen at random and printed)"))
        for command in [printCommand, showSettingsCommand, seedCommand,
                        quitCommand, exitCommand, recordCommand, useCommand, runCommand] + settingCommands + helpCommands + [tutorialCommand] {
            table.register(command)
        }
        registerQueries()
    }

    private var printCommand: Command {
        Command("print", positional: [.variadic("values", .any, "what to print")],
                summary: "print values on one line, separated by spaces",
                help: "print \"scale {k}:\" width(img) height(img)\n\nStrings print without quotes; "
                    + "an image prints as `image 250x188`.") { arguments, interpreter in
            guard case .list(let values) = arguments["values"] else { return .none }
            interpreter.output.print(values.map(\.printed).joined(separator: " "))
            return .none
        }
    }

    private var showSettingsCommand: Command {
        Command("show settings", summary: "list every setting with its value",
                help: "show settings", recorded: false) { _, interpreter in
            let names = interpreter.settings.names
            let width = (names.map(\.count).max() ?? 0)
            for name in names {
                guard let setting = interpreter.settings.definition(name) else { continue }
                let padding = String(repeating: " ", count: width - name.count)
                interpreter.output.print("\(name)\(padding) = \(interpreter.settings[name])    # \(setting.summary)")
            }
            return .none
        }
    }

    private var seedCommand: Command {
        Command("seed", positional: [Parameter("k", .int, "the seed")],
                summary: "seed every random draw that follows",
                help: "seed 7\n\nThe same seed on the same machine gives the same pixels. Same as `set seed K`.") { arguments, interpreter in
            try interpreter.settings.set("seed", arguments["k"])
            return .none
        }
    }

    private var quitCommand: Command { leaving("quit", summary: "leave the REPL (or stop the script); exit does the same") }
    private var exitCommand: Command { leaving("exit", summary: "leave the REPL or stop the script, with a status") }

    /// `quit` and `exit`: the script stops here, the process ends with STATUS (sysexits:
    /// 64 for bad usage) after MESSAGE goes to standard error.
    private func leaving(_ name: String, summary: String) -> Command {
        Command(name, positional: [Parameter("status", .int, default: .number(0), "the exit status, 0 to 255"),
                                   Parameter("message", .string, default: .none, "said on standard error first")],
                summary: summary,
                help: "\(name)\n\(name) 64 \"usage: sgs f.sgs IMAGE.png\"\n\nIn a script, stops it: the process exits with "
                    + "STATUS (64 is the usual status for bad usage). In the REPL, leaves it.",
                recorded: false) { arguments, _ in
            let status = arguments.int("status") ?? 0
            guard (0...255).contains(status) else {
                throw ScriptError(.runtime, "'\(name)' needs a status from 0 to 255, got \(status)",
                                  at: arguments.location(of: "status"))
            }
            throw QuitSignal(status: Int32(status), message: arguments.string("message"))
        }
    }

    private var recordCommand: Command {
        Command("record", positional: [Parameter("file", .path(["sgs"]), "the script to write")],
                summary: "write the session's successful statements as a script",
                help: "record \"session.sgs\"\n\nThe script starts with the settings and seed in force "
                    + "before the first statement, so running it reproduces the session.",
                recorded: false) { arguments, interpreter in
            let path = arguments["file"].printed
            try interpreter.writeText(interpreter.transcript.text, to: path)
            let count = interpreter.transcript.count
            interpreter.output.info("recorded \(count) statement" + (count == 1 ? "" : "s"))
            return .none
        }
    }

    private var useCommand: Command {
        Command("use", positional: [Parameter("file", .path(["sgs"]), "the script")],
                summary: "run a script once (later uses of the same file do nothing)",
                help: "use \"harmonize.sgs\"\n\nThe file is looked for next to the current script, "
                    + "then in the standard library, then in the working directory; `.sgs` may be left out.") { arguments, interpreter in
            try interpreter.runFile(arguments["file"].printed, once: true, at: arguments.location(of: "file"))
            return .none
        }
    }

    private var runCommand: Command {
        Command("run", positional: [Parameter("file", .path(["sgs"]), "the script")],
                summary: "run a script (again)",
                help: "run \"experiment.sgs\"\n\nFound like `use` finds files.") { arguments, interpreter in
            try interpreter.runFile(arguments["file"].printed, once: false, at: arguments.location(of: "file"))
            return .none
        }
    }
}
