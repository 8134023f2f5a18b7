// The tree-walking interpreter: statements. Expressions are in
// InterpreterExpressions.swift, command calls in ArgumentBinder.swift.

/// The interpreter's state, which host command handlers receive as their context.
public final class Interpreter {
    public let table: CommandTable
    public let settings: SettingTable
    public var output: OutputSink
    public let interrupt: Interrupt
    /// Names the host provides on demand, such as `n` (the coarsest scale of the
    /// current model). Return nil for names it does not know; throw to explain
    /// why a name has no value yet ("no current model").
    public var hostVariables: ((String) throws -> Value?)?
    /// The names `hostVariables` knows, for did-you-mean and completion.
    public var hostVariableNames: () -> [String] = { [] }
    /// The columns help text is wrapped to (the host asks the terminal; 80 otherwise).
    public var helpWidth: () -> Int = { 80 }
    /// Folders `use` and `run` search after the current file's folder (add stdlib/ here).
    public var searchPaths: [String] = []

    let globals = Environment()
    var callDepth = 0
    static let maximumCallDepth = 200
    /// Files being run, innermost last: `use` resolves relative to the last one.
    var sourceStack: [Source] = []
    var usedFiles: Set<String> = []
    var transcript = Transcript()
    /// The last tutorial step shown, and the tour's iterations per scale.
    var tutorialStep = 0
    var tutorialIterations = TutorialStep.defaultIterations

    public init(output: OutputSink, interrupt: Interrupt = .shared) {
        self.table = CommandTable()
        self.settings = SettingTable()
        self.output = output
        self.interrupt = interrupt
        registerBuiltins()
    }

    /// Binds or rebinds a global variable (the host uses it for `args`, `n`, ...).
    public func setGlobal(_ name: String, _ value: Value) { globals.define(name, value) }

    public func global(_ name: String) -> Value? { globals.lookup(name) }

    /// The seed set by `seed K` or `set seed K`, if any.
    public var seed: Int? { settings.int("seed") }

    // MARK: - Statements

    /// What a statement produced: a value (none for most), or a `return`.
    enum Flow {
        case value(Value)
        case returned(Value)
    }

    func execute(_ statements: [Statement], in environment: Environment) throws -> Flow {
        var last = Value.none
        for statement in statements {
            try interrupt.check()
            switch try execute(statement, in: environment) {
            case .returned(let value): return .returned(value)
            case .value(let value): last = value
            }
        }
        return .value(last)
    }

    func execute(_ statement: Statement, in environment: Environment) throws -> Flow {
        do {
            return try executeKind(statement, in: environment)
        } catch let error as ScriptError {
            throw error.located(at: statement.location)
        }
    }

    private func executeKind(_ statement: Statement, in environment: Environment) throws -> Flow {
        switch statement.kind {
        case .letBinding(let name, let value):
            environment.define(name, try evaluate(value, in: environment))
        case .assignment(let name, let value):
            try assign(name, try evaluate(value, in: environment), in: environment, at: statement.location)
        case .command(let call):
            return .value(try self.call(call, in: environment))
        case .expression(let expression):
            return .value(try evaluate(expression, in: environment))
        case .repeatLoop(let count, let body):
            return try repeatLoop(count: count, body: body, in: environment)
        case .forLoop(let name, let from, let to, let body):
            return try forLoop(name: name, from: from, to: to, body: body, in: environment)
        case .ifElse(let condition, let then, let otherwise):
            let branch = try bool(condition, for: "if", in: environment) ? then : otherwise
            if let branch { return try execute(branch, in: Environment(parent: environment)) }
        case .def(let definition):
            try define(definition)
        case .returnValue(let value):
            guard callDepth > 0 else {
                throw ScriptError(.runtime, "'return' outside a def", at: statement.location)
            }
            return .returned(try value.map { try evaluate($0, in: environment) } ?? .none)
        }
        return .value(.none)
    }

    private func assign(_ name: String, _ value: Value, in environment: Environment, at location: SourceLocation) throws {
        guard environment.assign(name, value) else {
            let hint = Suggestions.hint(for: name, in: environment.names)
            throw ScriptError(.runtime, "cannot rebind '\(name)': it is not bound (write 'let \(name) = ...' to bind it)\(hint)",
                              at: location)
        }
    }

    private func repeatLoop(count: Expr, body: [Statement], in environment: Environment) throws -> Flow {
        let times = try wholeNumber(count, for: "repeat", in: environment)
        guard times >= 0 else {
            throw ScriptError(.runtime, "'repeat' needs a count >= 0, got \(times)", at: count.location)
        }
        for _ in 0..<times {
            try interrupt.check()
            if case .returned(let value) = try execute(body, in: Environment(parent: environment)) {
                return .returned(value)
            }
        }
        return .value(.none)
    }

    private func forLoop(name: String, from: Expr, to: Expr?, body: [Statement],
                         in environment: Environment) throws -> Flow {
        let items: AnySequence<Value>
        if let to {
            let first = try wholeNumber(from, for: "for", in: environment)
            let last = try wholeNumber(to, for: "for", in: environment)
            items = AnySequence(stride(from: first, through: last, by: 1).lazy.map { Value.number(Double($0)) })
        } else {
            guard case .list(let list) = try evaluate(from, in: environment) else {
                throw ScriptError(.runtime, "'for' needs a range A..B or a list", at: from.location)
            }
            items = AnySequence(list)
        }
        for item in items {
            try interrupt.check()
            let scope = Environment(parent: environment)
            scope.define(name, item)
            if case .returned(let value) = try execute(body, in: scope) { return .returned(value) }
        }
        return .value(.none)
    }

    // MARK: - Checked values for statements

    func bool(_ expression: Expr, for what: String, in environment: Environment) throws -> Bool {
        let value = try evaluate(expression, in: environment)
        guard case .bool(let result) = value else {
            throw ScriptError(.runtime, "'\(what)' expects a bool, got \(value.typeWithArticle)", at: expression.location)
        }
        return result
    }

    func wholeNumber(_ expression: Expr, for what: String, in environment: Environment) throws -> Int {
        let value = try evaluate(expression, in: environment)
        guard case .number(let x) = value, x == x.rounded(), abs(x) <= 1e15 else {
            let why = value.number.map { $0.isFinite && $0 == $0.rounded() } == true ? ", at most 1e15 in size" : ""
            throw ScriptError(.runtime, "'\(what)' expects a whole number\(why), got \(value.typeWithArticle) (\(value))",
                              at: expression.location)
        }
        return Int(x)
    }
}
