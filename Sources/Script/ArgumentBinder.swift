// Binding a command's arguments to its parameters: positional arguments first,
// then keyword clauses in any order; a bool keyword alone is a flag. The binding
// is planned from the command table alone (which expression goes to which
// parameter), so `--check` can plan a call without running anything; running a
// command then evaluates each planned expression and checks its type here, so
// handlers get what they expect.

/// One argument of a planned call: the parameter and the expression that gives it
/// (nil for a bool keyword standing alone: `train verbose`).
struct PlannedArgument {
    let parameter: Parameter
    let expression: Expr?
    /// A bare word naming no variable where a word is one choice among other types
    /// (`set norm pixel`): that word.
    var isChoiceWord = false
    /// A bare word taken as itself, not looked up: a `.word` parameter, a literal word or a
    /// choice word.
    var isLiteralWord: Bool {
        guard let word = expression?.bareWord else { return false }
        return parameter.type == .word || parameter.literalWords.contains(word) || isChoiceWord
    }
}

struct ArgumentPlan {
    var positional: [PlannedArgument] = []
    var keywords: [PlannedArgument] = []
}

extension Interpreter {
    /// Which expression goes to which parameter. `isBound` tells whether a bare word
    /// names a variable; where it does not, it may be a mistyped keyword.
    func plan(_ command: Command, _ expressions: ArraySlice<Expr>, call: CommandCall,
              isBound: (String) throws -> Bool) throws -> ArgumentPlan {
        var plan = ArgumentPlan()
        var rest = expressions
        var slot = 0
        while let expression = rest.first, !isKeyword(expression, of: command) {
            guard slot < command.positional.count else {
                throw tooManyArguments(command, expression, isBound: isBound)
            }
            let parameter = command.positional[slot]
            // An unbound word where an optional argument may stand is most likely a mistyped
            // keyword; where a required one must stand, a mistyped variable (reported when evaluated).
            if parameter.type != .word, !parameter.isRequired, let word = expression.bareWord,
               !parameter.literalWords.contains(word), try !isBound(word),
               let keyword = Suggestions.nearest(to: word, in: command.keywords.map(\.name)) {
                throw unknownKeyword(word, keyword, of: command, at: expression.location)
            }
            var argument = PlannedArgument(parameter: parameter, expression: expression)
            if case .oneOf(let types) = parameter.type, types.contains(.word), let word = expression.bareWord {
                argument.isChoiceWord = try !isBound(word)
            }
            plan.positional.append(argument)
            if !parameter.isVariadic { slot += 1 }
            rest = rest.dropFirst()
        }
        try planKeywords(command, &rest, into: &plan)
        try checkRequired(command, plan, at: call.verbLocation)
        return plan
    }

    private func planKeywords(_ command: Command, _ rest: inout ArraySlice<Expr>, into plan: inout ArgumentPlan) throws {
        var given: Set<String> = []
        while let expression = rest.first {
            guard let word = expression.bareWord, let parameter = command.keyword(word) else {
                throw misplacedArgument(command, expression)
            }
            guard given.insert(word).inserted else {
                throw ScriptError(.runtime, "'\(word)' is given twice", at: expression.location)
            }
            rest = rest.dropFirst()
            if parameter.isFlag && (rest.first.map { isKeyword($0, of: command) } ?? true) {
                plan.keywords.append(PlannedArgument(parameter: parameter, expression: nil))
                continue
            }
            guard let valueExpression = rest.first else {
                throw ScriptError(.runtime, "'\(word)' needs a value (\(parameter.type.expected))", at: expression.location)
            }
            plan.keywords.append(PlannedArgument(parameter: parameter, expression: valueExpression))
            rest = rest.dropFirst()
        }
    }

    private func checkRequired(_ command: Command, _ plan: ArgumentPlan, at location: SourceLocation) throws {
        let given = Set((plan.positional + plan.keywords).map(\.parameter.name))
        for parameter in command.positional where parameter.isRequired && !given.contains(parameter.name) {
            throw ScriptError(.runtime, "'\(command.name)' needs \(parameter.name.uppercased()) "
                              + "(\(parameter.type.expected)): \(synopsis(of: command))", at: location)
        }
        for parameter in command.keywords where parameter.isRequired && !given.contains(parameter.name) {
            throw ScriptError(.runtime, "'\(command.name)' needs '\(parameter.name) \(parameter.type.placeholder)' "
                              + "(\(parameter.type.expected)): \(synopsis(of: command))", at: location)
        }
    }

    /// Plans the call, then evaluates and checks every argument and fills in the defaults.
    func bind(_ command: Command, _ expressions: ArraySlice<Expr>, call: CommandCall,
              in environment: Environment) throws -> Arguments {
        let plan = try self.plan(command, expressions, call: call) { try lookup($0, in: environment) != nil }
        var arguments = Arguments(command: command.name, location: call.verbLocation)
        arguments.declared = Set((command.positional + command.keywords).map(\.name))
        var variadic: [Value] = []
        for argument in plan.positional {
            let value = try evaluate(argument, of: command, in: environment)
            if argument.parameter.isVariadic {
                variadic.append(value)
            } else {
                arguments.values[argument.parameter.name] = value
            }
            note(argument, in: &arguments)
        }
        if let last = command.positional.last, last.isVariadic { arguments.values[last.name] = .list(variadic) }
        for argument in plan.keywords {
            arguments.values[argument.parameter.name] = try evaluate(argument, of: command, in: environment)
            note(argument, in: &arguments)
        }
        for parameter in command.positional + command.keywords where arguments.values[parameter.name] == nil {
            if let value = parameter.defaultValue { arguments.values[parameter.name] = value }
        }
        return arguments
    }

    private func note(_ argument: PlannedArgument, in arguments: inout Arguments) {
        let name = argument.parameter.name
        if let expression = argument.expression, !arguments.given.contains(name) {
            arguments.locations[name] = expression.location
        }
        arguments.given.insert(name)
        if argument.isLiteralWord, argument.parameter.type != .word { arguments.literalWords.insert(name) }
    }

    private func evaluate(_ argument: PlannedArgument, of command: Command, in environment: Environment) throws -> Value {
        guard let expression = argument.expression else { return .bool(true) }
        if argument.isLiteralWord, let word = expression.bareWord { return .string(word) }
        return try checked(try evaluate(expression, in: environment), argument.parameter, of: command,
                           at: expression.location)
    }

    /// The value if it fits; none is accepted where none is the default.
    func checked(_ value: Value, _ parameter: Parameter, of command: Command, at location: SourceLocation) throws -> Value {
        let name = command.keyword(parameter.name) != nil ? "'\(parameter.name)'" : parameter.name.uppercased()
        if let accepted = parameter.type.accepts(value) {
            if let range = parameter.range, case .number(let x) = accepted, !range.contains(x) {
                throw ScriptError(.runtime, "'\(command.name)' needs \(name) in \(formatNumber(range.lowerBound))..."
                                  + "\(formatNumber(range.upperBound)), got \(formatNumber(x))", at: location)
            }
            return accepted
        }
        if value.isNone, let fallback = parameter.defaultValue, fallback.isNone { return value }
        throw ScriptError(.runtime, "'\(command.name)' expects \(parameter.type.expected) for \(name), "
                          + "got \(value.typeWithArticle)", at: location)
    }

    private func isKeyword(_ expression: Expr, of command: Command) -> Bool {
        guard let word = expression.bareWord else { return false }
        return command.keyword(word) != nil
    }

    private func tooManyArguments(_ command: Command, _ expression: Expr, isBound: (String) throws -> Bool) -> ScriptError {
        if let word = expression.bareWord, !((try? isBound(word)) ?? false) {
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
