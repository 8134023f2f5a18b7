// The interpreter: expressions.

extension Interpreter {
    func evaluate(_ expression: Expr, in environment: Environment) throws -> Value {
        switch expression {
        case .literal(let value, _):
            return value
        case .string(let parts, _):
            return try .string(try interpolate(parts, in: environment), checkedAt: expression.location)
        case .variable(let name, let location):
            return try variable(name, at: location, in: environment)
        case .list(let items, let location):
            return try Value.list(try items.map { try evaluate($0, in: environment) }, checkedAt: location)
        case .index(let list, let index, let location):
            return try subscripted(try evaluate(list, in: environment), try evaluate(index, in: environment),
                                   at: location)
        case .unary(let op, let operand, let location):
            return try applyUnary(op, try evaluate(operand, in: environment), at: location)
        case .binary(.and, let left, let right, _):
            return .bool(try bool(left, for: "and", in: environment) && bool(right, for: "and", in: environment))
        case .binary(.or, let left, let right, _):
            return .bool(try bool(left, for: "or", in: environment) || bool(right, for: "or", in: environment))
        case .binary(let op, let left, let right, let location):
            return try applyBinary(op, try evaluate(left, in: environment), try evaluate(right, in: environment),
                                   at: location)
        case .command(let call):
            return try self.call(call, in: environment)
        }
    }

    /// A variable, or a name the host provides, such as `n`.
    func lookup(_ name: String, in environment: Environment) throws -> Value? {
        if let value = environment.lookup(name) { return value }
        return try hostVariables?(name)
    }

    func variable(_ name: String, at location: SourceLocation, in environment: Environment) throws -> Value {
        do {
            if let value = try lookup(name, in: environment) { return value }
        } catch {
            throw scriptError(from: error, at: location)
        }
        throw unknownVariable(name, at: location, in: environment)
    }

    func unknownVariable(_ name: String, at location: SourceLocation, in environment: Environment) -> ScriptError {
        if table[name] != nil {
            return ScriptError(.runtime, "'\(name)' is a command, not a variable (write (\(name)) to use its result)",
                               at: location)
        }
        let hint = Suggestions.hint(for: name, in: environment.names + hostVariableNames())
        return ScriptError(.runtime, "unknown variable '\(name)'\(hint)", at: location)
    }

    /// `{name}` becomes the value of a bound name; an unbound `{i}` stays as written,
    /// so commands that write several files can fill it in themselves.
    func interpolate(_ parts: [StringPart], in environment: Environment) throws -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .name(let name): text += (try? lookup(name, in: environment))??.printed ?? "{\(name)}"
            }
        }
        return text
    }

    func subscripted(_ container: Value, _ index: Value, at location: SourceLocation) throws -> Value {
        guard case .list(let items) = container else {
            throw ScriptError(.runtime, "only a list can be indexed, got \(container.typeWithArticle)", at: location)
        }
        guard case .number(let x) = index, x == x.rounded() else {
            throw ScriptError(.runtime, "a list index must be a whole number, got \(index.typeWithArticle)", at: location)
        }
        guard x >= 0 && x < Double(items.count) else {
            throw ScriptError(.runtime, "index \(formatNumber(x)) is out of range (the list has \(items.count) items)",
                              at: location)
        }
        return items[Int(x)]
    }
}
