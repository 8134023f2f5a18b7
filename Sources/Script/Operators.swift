// Arithmetic and comparison on values.

extension Interpreter {
    func applyUnary(_ op: UnaryOperator, _ value: Value, at location: SourceLocation) throws -> Value {
        switch (op, value) {
        case (.negate, .number(let x)): return .number(-x)
        case (.not, .bool(let b)): return .bool(!b)
        default:
            let expected = op == .negate ? "a number" : "a bool"
            throw ScriptError(.runtime, "'\(op.rawValue)' expects \(expected), got \(value.typeWithArticle)", at: location)
        }
    }

    func applyBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation) throws -> Value {
        switch op {
        case .equal: return .bool(valuesEqual(left, right))
        case .notEqual: return .bool(!valuesEqual(left, right))
        case .less, .lessEqual, .greater, .greaterEqual: return try compare(op, left, right, at: location)
        default: return try arithmetic(op, left, right, at: location)
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation) throws -> Value {
        switch (op, left, right) {
        case (_, .number(let a), .number(let b)):
            return .number(try numeric(op, a, b, at: location))
        case (.add, .string, _), (.add, _, .string):
            let (a, b) = (left.printed, right.printed)
            let length = a.utf8.count + b.utf8.count
            guard length <= Value.maximumStringLength else { throw Value.tooLong("string", "bytes", at: location) }
            return .string(a + b)
        case (.add, .list(let a), .list(let b)):
            guard a.count + b.count <= Value.maximumListValues else { throw Value.tooLong("list", "values in all", at: location) }
            return try Value.list(a + b, checkedAt: location)
        case (.add, .host(let sequence as HostSequence), _), (.add, _, .host(let sequence as HostSequence)):
            do {
                guard let joined = try sequence.joined(left, right) else { throw operandError(op, left, right, at: location) }
                return joined
            } catch let error as ScriptError where error.location == nil {
                throw error.located(at: location)
            }
        case (.multiply, .size(let w, let h), .number(let k)), (.multiply, .number(let k), .size(let w, let h)):
            return .size(w * k, h * k)
        case (.divide, .size(let w, let h), .number(let k)):
            return .size(try numeric(.divide, w, k, at: location), try numeric(.divide, h, k, at: location))
        default:
            throw operandError(op, left, right, at: location)
        }
    }

    private func numeric(_ op: BinaryOperator, _ a: Double, _ b: Double, at location: SourceLocation) throws -> Double {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide, .remainder:
            guard b != 0 else { throw ScriptError(.runtime, "division by zero", at: location) }
            return op == .divide ? a / b : a.truncatingRemainder(dividingBy: b)
        default: return 0
        }
    }

    private func compare(_ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation) throws -> Value {
        let order: Bool
        switch (left, right) {
        case (.number(let a), .number(let b)): order = try ordered(op, a, b)
        case (.string(let a), .string(let b)): order = try ordered(op, a, b)
        default: throw operandError(op, left, right, at: location)
        }
        return .bool(order)
    }

    private func ordered<T: Comparable>(_ op: BinaryOperator, _ a: T, _ b: T) throws -> Bool {
        switch op {
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        default: return a >= b
        }
    }

    private func operandError(_ op: BinaryOperator, _ left: Value, _ right: Value, at location: SourceLocation) -> ScriptError {
        ScriptError(.runtime, "cannot apply '\(op.rawValue)' to \(left.typeWithArticle) and \(right.typeWithArticle)",
                    at: location)
    }
}
