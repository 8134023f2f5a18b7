// The checker: resolves every statement against the command table without running
// anything, so a typo on line 40 is reported before line 1 starts a long training.
// `sgs --check` runs it alone; every script run and every REPL entry runs it first.
// Calls are planned by the interpreter's own argument binder (ArgumentBinder.swift)
// and errors are the interpreter's own messages, so a check says what a run would.
import Foundation

struct Checker {
    let interpreter: Interpreter
    /// The defs of the checked text and the files it uses, by name: callable anywhere,
    /// as they are by the time a call runs.
    private var definitions: [String: Command] = [:]
    /// Def bodies wait until every global the text binds is known.
    private var pendingBodies: [Definition] = []
    private var checkedFiles: Set<String> = []
    /// A `use` or `run` of a computed name: commands may come from a file we cannot see.
    private var usesUnknownFile = false
    /// The top-level scope: placeholders for what `let` binds, over the real globals.
    private let top: Environment
    /// In the REPL a def may use a global that a later entry binds: its body's unknown
    /// variables are left to the call (unknown commands and keywords are still errors).
    private let laterGlobals: Bool
    private var inBody = false

    init(interpreter: Interpreter, laterGlobals: Bool = false) {
        self.interpreter = interpreter
        self.laterGlobals = laterGlobals
        top = Environment(parent: interpreter.globals)
    }

    /// Checks a whole parsed text; throws the first problem as a syntax error (exit 65).
    mutating func check(_ statements: [Statement]) throws {
        do {
            collectDefinitions(statements)
            try check(statements, in: top)
            var next = 0
            while next < pendingBodies.count {  // in file order; bodies may add nested defs
                try checkBody(pendingBodies[next])
                next += 1
            }
        } catch let error as ScriptError where error.kind == .runtime || error.kind == .io {
            throw error.as(.syntax)
        }
    }

    private mutating func collectDefinitions(_ statements: [Statement]) {
        for statement in statements {
            switch statement.kind {
            case .def(let definition):
                definitions[definition.name] = interpreter.command(for: definition)
                collectDefinitions(definition.body)
            case .ifElse(_, let then, let otherwise):
                collectDefinitions(then + (otherwise ?? []))
            case .forLoop(_, _, _, let body), .repeatLoop(_, let body):
                collectDefinitions(body)
            default:
                break
            }
        }
    }

    private mutating func check(_ statements: [Statement], in scope: Environment) throws {
        for statement in statements { try check(statement, in: scope) }
    }

    private mutating func check(_ statement: Statement, in scope: Environment) throws {
        switch statement.kind {
        case .letBinding(let name, let value):
            try check(value, in: scope)
            scope.define(name, .none)
        case .assignment(let name, let value):
            try check(value, in: scope)
            guard isBound(name, in: scope) || inBody && laterGlobals else {
                let hint = Suggestions.hint(for: name, in: scope.names)
                throw ScriptError(.runtime, "cannot rebind '\(name)': it is not bound (write 'let \(name) = ...' "
                                  + "to bind it)\(hint)", at: statement.location)
            }
        case .command(let call):
            try check(call, in: scope)
        case .expression(let expression), .returnValue(let expression?):
            try check(expression, in: scope)
        case .repeatLoop(let count, let body):
            try check(count, in: scope)
            try check(body, in: Environment(parent: scope))
        case .forLoop(let name, let from, let to, let body):
            try check(from, in: scope)
            if let to { try check(to, in: scope) }
            let inner = Environment(parent: scope)
            inner.define(name, .none)
            try check(body, in: inner)
        case .ifElse(let condition, let then, let otherwise):
            try check(condition, in: scope)
            try check(then, in: Environment(parent: scope))
            if let otherwise { try check(otherwise, in: Environment(parent: scope)) }
        case .def(let definition):
            pendingBodies.append(definition)
        case .returnValue(nil):
            break
        }
    }

    /// A def body runs in a scope of its own under the globals, whenever it is called.
    private mutating func checkBody(_ definition: Definition) throws {
        let scope = Environment(parent: top)
        inBody = true
        defer { inBody = false }
        for name in definition.parameters { scope.define(name, .none) }
        for keyword in definition.keywords {
            try check(keyword.defaultValue, in: scope)
            scope.define(keyword.name, .none)
        }
        try check(definition.body, in: scope)
    }

    private mutating func check(_ expression: Expr, in scope: Environment) throws {
        switch expression {
        case .literal, .string:
            break
        case .variable(let name, let location):
            if !isBound(name, in: scope) && !(inBody && laterGlobals) {
                throw interpreter.unknownVariable(name, at: location, in: scope)
            }
        case .list(let items, _):
            for item in items { try check(item, in: scope) }
        case .index(let list, let index, _):
            try check(list, in: scope)
            try check(index, in: scope)
        case .unary(_, let operand, _):
            try check(operand, in: scope)
        case .binary(_, let left, let right, _):
            try check(left, in: scope)
            try check(right, in: scope)
        case .command(let call):
            try check(call, in: scope)
        }
    }

    private mutating func check(_ call: CommandCall, in scope: Environment) throws {
        guard let (command, arguments) = resolve(call, in: scope) else {
            if call.arguments.isEmpty && isBound(call.verb, in: scope) || usesUnknownFile { return }
            throw interpreter.unknownCommand(call, in: scope)
        }
        let plan = try interpreter.plan(command, arguments, call: call) { isBound($0, in: scope) }
        for argument in plan.positional + plan.keywords where !argument.isLiteralWord {
            guard let expression = argument.expression else { continue }
            try check(expression, in: scope)
            if let value = Checker.literalValue(expression) {
                _ = try interpreter.checked(value, argument.parameter, of: command, at: expression.location)
            }
        }
        switch command.name {
        case "set", "show setting": try checkSetting(plan)
        case "help": try checkHelp(plan)
        case "use", "run": try checkScript(plan, in: scope)
        default: break
        }
    }

    private func resolve(_ call: CommandCall, in scope: Environment) -> (Command, ArraySlice<Expr>)? {
        let isSubcommand = call.arguments.first?.bareWord.map { interpreter.table["\(call.verb) \($0)"] != nil } ?? false
        if !isSubcommand, let definition = definitions[call.verb] { return (definition, call.arguments[...]) }
        return interpreter.resolve(call) { isBound($0, in: scope) }
    }

    /// `set KEY VALUE`: the key must be a setting, a literal value must pass its rule.
    private func checkSetting(_ plan: ArgumentPlan) throws {
        guard let key = plan.positional.first?.expression, let name = key.bareWord else { return }
        guard interpreter.settings.definition(name) != nil else {
            throw interpreter.settings.unknownSetting(name).located(at: key.location)
        }
        guard plan.positional.count > 1, let value = plan.positional[1].expression, !plan.positional[1].isLiteralWord,
              let literal = Checker.literalValue(value) else { return }
        do {
            _ = try interpreter.settings.validated(name, literal)
        } catch let error as ScriptError {
            throw error.located(at: value.location)
        }
    }

    /// `help TOPIC...`: each topic must be one help knows (commands defined by the text too).
    private func checkHelp(_ plan: ArgumentPlan) throws {
        guard let first = plan.positional.first?.expression else { return }
        let words = plan.positional.compactMap { argument -> String? in
            guard let expression = argument.expression else { return nil }
            return expression.bareWord ?? Checker.literalValue(expression).map(\.printed)
        }
        for topic in interpreter.helpTopics(words) where !topic.hasPrefix("?") && definitions[topic] == nil {
            _ = try interpreter.help(topic, at: first.location)
        }
    }

    /// `use "FILE"`: the file must exist and check too; its defs and globals become known.
    private mutating func checkScript(_ plan: ArgumentPlan, in scope: Environment) throws {
        guard let argument = plan.positional.first?.expression else { return }
        guard case .string(let parts, _) = argument, let name = Checker.plainText(parts) else {
            usesUnknownFile = true
            return
        }
        let path = try interpreter.resolveScript(name, at: argument.location)
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        guard !interpreter.usedFiles.contains(key), checkedFiles.insert(key).inserted else { return }
        let source = Source(name: path, text: try interpreter.readText(path, at: argument.location),
                            directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let statements = try Parser.parse(source)
        collectDefinitions(statements)
        try check(statements, in: top)
    }

    private func isBound(_ name: String, in scope: Environment) -> Bool {
        scope.lookup(name) != nil || name == "ans" || interpreter.hostVariableNames().contains(name)
    }

    /// A string without `{name}` parts.
    static func plainText(_ parts: [StringPart]) -> String? {
        var text = ""
        for part in parts {
            guard case .text(let literal) = part else { return nil }
            text += literal
        }
        return text
    }

    /// The value of an expression written as a literal (`2.5`, `"x"`, `-1`, `[1, 2]`), else nil.
    static func literalValue(_ expression: Expr) -> Value? {
        switch expression {
        case .literal(let value, _):
            return value
        case .string(let parts, _):
            // `{name}` parts kept as written: the type is what matters here.
            return .string(parts.map { part in
                switch part {
                case .text(let text): return text
                case .name(let name): return "{\(name)}"
                }
            }.joined())
        case .unary(.negate, .literal(.number(let x), _), _):
            return .number(-x)
        case .list(let items, _):
            let values = items.compactMap(literalValue)
            return values.count == items.count ? .list(values) : nil
        default:
            return nil
        }
    }
}

extension ScriptError {
    /// The same error reported as another kind (a check reports what a run would, as exit 65).
    func `as`(_ kind: Kind) -> ScriptError {
        ScriptError(kind, message, at: location)
    }
}
