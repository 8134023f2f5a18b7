// Running a command: find its table entry, bind the arguments, call the handler.

/// Thrown by `quit` and `exit`; the session stops running and tells the host.
struct QuitSignal: Error {
    var status: Int32 = 0
    /// Said on standard error as the script stops (`exit 64 "usage: ..."`).
    var message: String?
}

extension Interpreter {
    func call(_ call: CommandCall, in environment: Environment) throws -> Value {
        guard let (command, arguments) = resolve(call, isBound: { self.isBound($0, in: environment) }) else {
            if call.arguments.isEmpty, let value = try variableIfBound(call, in: environment) { return value }
            throw unknownCommand(call, in: environment)
        }
        let bound = try bind(command, arguments, call: call, in: environment)
        try enterCall(at: call.verbLocation)
        defer { callDepth -= 1 }
        do {
            return try command.handler(bound, self)
        } catch let signal as QuitSignal {
            throw signal
        } catch {
            throw scriptError(from: error, at: call.verbLocation)
        }
    }

    /// The table entry a call names and the arguments left for it: a subcommand
    /// (`save model`), `show SETTING` (short for `show setting SETTING`), or the verb.
    func resolve(_ call: CommandCall, isBound: (String) -> Bool) -> (Command, ArraySlice<Expr>)? {
        let arguments = call.arguments[...]
        if let word = arguments.first?.bareWord {
            if let subcommand = table["\(call.verb) \(word)"] { return (subcommand, arguments.dropFirst()) }
            // `show iters`; an unbound word close to a setting's name is taken as a mistyped
            // one, so the error suggests the setting (`show itres`).
            if call.verb == "show", !isBound(word), let showSetting = table["show setting"],
               settings.definition(word) != nil || Suggestions.nearest(to: word, in: settings.names) != nil
                && Suggestions.nearest(to: word, in: table.subcommands(of: "show")) == nil {
                return (showSetting, arguments)
            }
        }
        return table[call.verb].map { ($0, arguments) }
    }

    /// Whether a name has a value; a host name that cannot have one yet (`n` without a model) has none.
    func isBound(_ name: String, in environment: Environment) -> Bool {
        ((try? lookup(name, in: environment)) ?? nil) != nil
    }

    /// A lone name is a variable when no command has that name: `let b = a`.
    private func variableIfBound(_ call: CommandCall, in environment: Environment) throws -> Value? {
        do {
            return try lookup(call.verb, in: environment)
        } catch {
            throw scriptError(from: error, at: call.verbLocation)
        }
    }

    func enterCall(at location: SourceLocation) throws {
        guard callDepth < Interpreter.maximumCallDepth else {
            throw ScriptError(.runtime, "too many nested calls (more than \(Interpreter.maximumCallDepth))", at: location)
        }
        callDepth += 1
    }

    func unknownCommand(_ call: CommandCall, in environment: Environment) -> ScriptError {
        let verb = call.verb
        let subcommands = table.subcommands(of: verb)
        if !subcommands.isEmpty {
            let word = call.arguments.first?.bareWord ?? ""
            let location = call.arguments.first?.location ?? call.verbLocation
            let hint = Suggestions.hint(for: word, in: subcommands)
            let choices = subcommands.map { "'\(verb) \($0)'" }.joined(separator: ", ")
            return ScriptError(.runtime, "'\(verb)' must be followed by one of: \(choices)\(hint)", at: location)
        }
        if environment.lookup(verb) != nil {
            return ScriptError(.runtime, "'\(verb)' is a variable, not a command", at: call.verbLocation)
        }
        let variables = environment.names + hostVariableNames()
        if call.arguments.isEmpty, Suggestions.nearest(to: verb, in: variables) != nil {
            return unknownVariable(verb, at: call.verbLocation, in: environment)
        }
        let hint = Suggestions.hint(for: verb, in: table.verbs)
        return ScriptError(.runtime, "unknown command '\(verb)'\(hint)", at: call.verbLocation)
    }
}
