// Commands on settings, in gnuplot's habits: `set KEY VALUE`, `set` alone lists them,
// `set KEY default` restores one, `reset` restores all, `show KEY` shows one.

extension Interpreter {
    var settingCommands: [Command] { [setCommand, showSettingCommand, resetCommand] }

    private var setCommand: Command {
        Command("set", positional: [Parameter("key", .word, default: .none, "the setting's name"),
                                    Parameter("value", .oneOf([.any, .word]), default: .none,
                                              "its new value, default, or a bare word for a choice: set norm pixel").taking(["default"])],
                summary: "change a setting (set alone lists them; set KEY default restores one)",
                help: "set iters 500\nset lr 5e-4\nset iters default\n\nSettings apply to the commands that follow. "
                    + "`set` alone lists every setting, like `show settings`; `reset` restores them all.") { arguments, interpreter in
            guard arguments.isGiven("key") else { return try interpreter.listSettings(at: arguments.location) }
            let key = arguments["key"].printed
            do {
                guard interpreter.settings.definition(key) != nil else {
                    throw interpreter.settings.unknownSetting(key).located(at: arguments.location(of: "key"))
                }
                guard arguments.isGiven("value") else {
                    throw ScriptError(.runtime, "'set \(key)' needs a value (or 'default'): "
                                      + interpreter.settingLine(key), at: arguments.location)
                }
                if arguments.literalWords.contains("value"), arguments["value"].printed == "default" {
                    try interpreter.settings.restore(key)
                } else {
                    try interpreter.settings.set(key, arguments["value"])
                }
            } catch let error as ScriptError {
                throw error.located(at: arguments.location(of: "value"))
            }
            return .none
        }
    }

    private var showSettingCommand: Command {
        Command("show setting", positional: [Parameter("key", .word, "the setting's name")],
                summary: "one setting's value (show KEY is short for it)",
                help: "show iters\nshow setting iters\n\nA changed setting shows its default in parentheses.",
                topic: "show", recorded: false) { arguments, interpreter in
            let key = arguments["key"].printed
            guard interpreter.settings.definition(key) != nil else {
                throw interpreter.settings.unknownSetting(key).located(at: arguments.location(of: "key"))
            }
            interpreter.output.print(interpreter.settingLine(key))
            return .none
        }
    }

    private var resetCommand: Command {
        Command("reset", summary: "restore every setting to its default",
                help: "reset\n\nThe seed goes back to none too (the next random draw picks and prints one).") { _, interpreter in
            interpreter.settings.restoreAll()
            return .none
        }
    }

    /// `iters = 500 (default 2000)`.
    func settingLine(_ key: String) -> String {
        let value = settings[key], fallback = settings.definition(key)?.defaultValue ?? .none
        let changed = value.description != fallback.description
        return "\(key) = \(value)" + (changed ? " (default \(fallback))" : "")
    }

    /// `set` alone: what `show settings` prints (the host's version when it has one).
    private func listSettings(at location: SourceLocation) throws -> Value {
        guard let show = table["show settings"] else { return .none }
        return try show.handler(Arguments(command: show.name, location: location), self)
    }
}
