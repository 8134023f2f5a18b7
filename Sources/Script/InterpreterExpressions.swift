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
        case .index(let list, .binary(.range, let from, let to, _), let location):
            return try sliced(try evaluate(list, in: environment), try evaluate(from, in: environment),
                              try evaluate(to, in: environment), at: location)
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
        let count = try indexableCount(container, at: location)
        let i = try position(index, count: count, allowingEnd: false, at: location) { container.sizeText($0) }
        if case .list(let items) = container { return items[i] }
        guard case .host(let sequence as HostSequence) = container else { return .none }
        return sequence.item(at: i)
    }

    /// `v[a..b]`: items a to b inclusive; b = a - 1 gives none of them.
    func sliced(_ container: Value, _ from: Value, _ to: Value, at location: SourceLocation) throws -> Value {
        let count = try indexableCount(container, at: location)
        let start = try position(from, count: count, allowingEnd: true, at: location) { container.sizeText($0) }
        let end = try position(to, count: count, allowingEnd: false, allowingBeforeStart: true, at: location) { container.sizeText($0) } + 1
        guard end >= start else {
            throw ScriptError(.runtime, "the range \(from)..\(to) runs backwards (write a..b with a <= b + 1)", at: location)
        }
        if case .list(let items) = container { return .list(Array(items[start..<end])) }
        guard case .host(let sequence as HostSequence) = container else { return .none }
        return sequence.slice(start..<end)
    }

    private func indexableCount(_ container: Value, at location: SourceLocation) throws -> Int {
        switch container {
        case .list(let items): return items.count
        case .host(let sequence as HostSequence): return sequence.count
        default:
            throw ScriptError(.runtime, "only a list or frames can be indexed, got \(container.typeWithArticle)", at: location)
        }
    }

    /// A whole-number index within 0..<count (or count itself for a range start, or -1 for
    /// a range end that leaves the range empty).
    private func position(_ index: Value, count: Int, allowingEnd: Bool, allowingBeforeStart: Bool = false,
                          at location: SourceLocation, _ what: (Int) -> String) throws -> Int {
        guard case .number(let x) = index, x == x.rounded() else {
            throw ScriptError(.runtime, "a list index must be a whole number, got \(index.typeWithArticle)", at: location)
        }
        let lowest: Double = allowingBeforeStart ? -1 : 0, highest = Double(allowingEnd ? count : count - 1)
        guard x >= lowest && x <= highest else {
            throw ScriptError(.runtime, "index \(formatNumber(x)) is out of range (\(what(count)))", at: location)
        }
        return Int(x)
    }
}

private extension Value {
    /// "the list has 3 items", "the frames value has 3 items": for index errors.
    func sizeText(_ count: Int) -> String {
        let holder = self.isList ? "the list" : "the \(typeName) value"
        return "\(holder) has \(count) item\(count == 1 ? "" : "s")"
    }

    var isList: Bool {
        if case .list = self { return true }
        return false
    }
}
