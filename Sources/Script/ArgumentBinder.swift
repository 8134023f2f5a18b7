// Binding a command's arguments to its parameters: positional arguments first,
// then keyword clauses in any order; a bool keyword alone is a flag. Every value
// is checked against its parameter's type here, so handlers get what they expect.

extension Interpreter {
    func bind(_ command: Command, _ expressions: ArraySlice<Expr>, call: CommandCall,
              in environment: Environment) throws -> Arguments {
        var arguments = Arguments(command: command.name, location: call.verbLocation)
        arguments.declared = Set((command.positional + command.keywords).map(\.name))
        var rest = expressions
        try bindPositional(command, &rest, into: &arguments, in: environment)
        try bindKeywords(command, &rest, into: &arguments, in: environment)
        try fillDefaults(command, into: &arguments, at: call.verbLocation)
        return arguments
    }

    private func bindPositional(_ command: Command, _ rest: inout ArraySlice<Expr>,
                                into arguments: inout Arguments, in environment: Environment) throws {
        var slot = 0
        var variadic: [Value] = []
        while let expression = rest.first, !isKeyword(expression, of: command) {
            guard slot < command.positional.count else {
                throw tooManyArguments(command, expression, in: environment)
            }
            let parameter = command.positional[slot]
            let value = try positionalValue(expression, for: parameter, of: command, in: environment)
            if parameter.isVariadic {
                variadic.append(value)
                if variadic.count == 1 { arguments.locations[parameter.name] = expression.location }
            } else {
                arguments.values[parameter.name] = value
                arguments.given.insert(parameter.name)
                arguments.locations[parameter.name] = expression.location
                slot += 1
            }
            rest = rest.dropFirst()
        }
        if let last = command.positional.last, last.isVariadic {
            arguments.values[last.name] = .list(variadic)
            if !variadic.isEmpty { arguments.given.insert(last.name) }
        }
    }

    private func positionalValue(_ expression: Expr, for parameter: Parameter, of command: Command,
                                 in environment: Environment) throws -> Value {
        if parameter.type == .word, let word = expression.bareWord { return .string(word) }
        // An unbound word where an optional argument may stand is most likely a mistyped
        // keyword; where a required one must stand, a mistyped variable (evaluated below).
        if !parameter.isRequired, let word = expression.bareWord, try lookup(word, in: environment) == nil,
           let keyword = Suggestions.nearest(to: word, in: command.keywords.map(\.name)) {
            throw unknownKeyword(word, keyword, of: command, at: expression.location)
        }
        return try checked(try evaluate(expression, in: environment), parameter, of: command,
                           name: parameter.name.uppercased(), at: expression.location)
    }

    private func bindKeywords(_ command: Command, _ rest: inout ArraySlice<Expr>,
                              into arguments: inout Arguments, in environment: Environment) throws {
        while let expression = rest.first {
            guard let word = expression.bareWord, let parameter = command.keyword(word) else {
                throw misplacedArgument(command, expression)
            }
            guard !arguments.given.contains(word) else {
                throw ScriptError(.runtime, "'\(word)' is given twice", at: expression.location)
            }
            rest = rest.dropFirst()
            let value: Value
            if parameter.isFlag && (rest.first.map { isKeyword($0, of: command) } ?? true) {
                value = .bool(true)
            } else {
                guard let valueExpression = rest.first else {
                    throw ScriptError(.runtime, "'\(word)' needs a value (\(parameter.type.expected))",
                                      at: expression.location)
                }
                value = try checked(try evaluate(valueExpression, in: environment), parameter, of: command,
                                    name: "'\(word)'", at: valueExpression.location)
                arguments.locations[word] = valueExpression.location
                rest = rest.dropFirst()
            }
            arguments.values[word] = value
            arguments.given.insert(word)
        }
    }

    private func fillDefaults(_ command: Command, into arguments: inout Arguments, at location: SourceLocation) throws {
        for parameter in command.positional where arguments.values[parameter.name] == nil {
            guard !parameter.isRequired else {
                throw ScriptError(.runtime, "'\(command.name)' needs \(parameter.name.uppercased()) "
                                  + "(\(parameter.type.expected)): \(synopsis(of: command))", at: location)
            }
            if let value = parameter.defaultValue { arguments.values[parameter.name] = value }
        }
        for parameter in command.keywords where arguments.values[parameter.name] == nil {
            guard !parameter.isRequired else {
                throw ScriptError(.runtime, "'\(command.name)' needs '\(parameter.name) \(parameter.type.placeholder)' "
                                  + "(\(parameter.type.expected)): \(synopsis(of: command))", at: location)
            }
            if let value = parameter.defaultValue { arguments.values[parameter.name] = value }
        }
    }

    /// The value if it fits; none is accepted where none is the default.
    private func checked(_ value: Value, _ parameter: Parameter, of command: Command, name: String,
                         at location: SourceLocation) throws -> Value {
        if let accepted = parameter.type.accepts(value) { return accepted }
        if value.isNone, let fallback = parameter.defaultValue, fallback.isNone { return value }
        throw ScriptError(.runtime, "'\(command.name)' expects \(parameter.type.expected) for \(name), "
                          + "got \(value.typeWithArticle)", at: location)
    }

    private func isKeyword(_ expression: Expr, of command: Command) -> Bool {
        guard let word = expression.bareWord else { return false }
        return command.keyword(word) != nil
    }

    private func tooManyArguments(_ command: Command, _ expression: Expr, in environment: Environment) -> ScriptError {
        if let word = expression.bareWord, (try? lookup(word, in: environment)) ?? nil == nil {
            return unknownKeyword(word, Suggestions.nearest(to: word, in: command.keywords.map(\.name)),
                                  of: command, at: expression.location)
        }
        let count = command.positional.count
        let takes = count == 0 ? "no arguments" : count == 1 ? "1 argument" : "\(count) arguments"
        return ScriptError(.runtime, "'\(command.name)' takes \(takes) before its keywords: \(synopsis(of: command))",
                           at: expression.location)
    }

    private func misplacedArgument(_ command: Command, _ expression: Expr) -> ScriptError {
        if let word = expression.bareWord {
            return unknownKeyword(word, Suggestions.nearest(to: word, in: command.keywords.map(\.name)),
                                  of: command, at: expression.location)
        }
        if case .unary(.negate, _, _) = expression {
            return ScriptError(.runtime, "a '-' after a space starts a new argument; write n-1 or n - 1 to subtract",
                               at: expression.location)
        }
        return ScriptError(.runtime, "positional arguments come before keywords: \(synopsis(of: command))",
                           at: expression.location)
    }

    private func unknownKeyword(_ word: String, _ suggestion: String?, of command: Command,
                                at location: SourceLocation) -> ScriptError {
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        let message = command.keywords.isEmpty
            ? "'\(command.name)' has no keywords; '\(word)' is not a known variable either"
            : "'\(command.name)' has no keyword '\(word)'\(hint)"
        return ScriptError(.runtime, message, at: location)
    }
}
