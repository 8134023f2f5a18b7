// The syntax tree. Commands are parsed generically (verb + arguments); which bare
// words are keywords of which verb is decided when the command runs, from the
// command table, so commands defined later by `def` or `use` need no re-parse.

indirect enum Expr {
    case literal(Value, SourceLocation)
    case string([StringPart], SourceLocation)
    case variable(String, SourceLocation)
    case list([Expr], SourceLocation)
    case index(Expr, Expr, SourceLocation)
    case unary(UnaryOperator, Expr, SourceLocation)
    case binary(BinaryOperator, Expr, Expr, SourceLocation)
    /// A command used for its value: `(sample 1 from n-1)`, `width(img)`, or the
    /// right-hand side of `let`.
    case command(CommandCall)

    var location: SourceLocation {
        switch self {
        case .literal(_, let l), .string(_, let l), .variable(_, let l), .list(_, let l),
             .index(_, _, let l), .unary(_, _, let l), .binary(_, _, _, let l):
            return l
        case .command(let call):
            return call.verbLocation
        }
    }

    /// The name when the expression is a bare identifier: it may be a keyword
    /// or subcommand of the command it is an argument of.
    var bareWord: String? {
        if case .variable(let name, _) = self { return name }
        return nil
    }
}

enum UnaryOperator: String {
    case negate = "-"
    case not = "not"
}

enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or"
    /// Only inside brackets: `list[a..b]`, items a to b inclusive.
    case range = ".."
}

/// `VERB ARG*`: arguments as written, positional and keyword words mixed.
struct CommandCall {
    let verb: String
    let verbLocation: SourceLocation
    let arguments: [Expr]
}

struct Statement {
    let kind: StatementKind
    let location: SourceLocation
    /// Character range in the source, so `record` can write the statement as typed.
    let range: Range<Int>
    /// Ended by `;`: the REPL does not echo its value.
    var isSilent = false
}

indirect enum StatementKind {
    case letBinding(name: String, value: Expr)
    case assignment(name: String, value: Expr)
    /// A command statement, or a lone expression (the REPL echoes its value).
    case command(CommandCall)
    case expression(Expr)
    case repeatLoop(count: Expr, body: [Statement])
    case forLoop(name: String, from: Expr, to: Expr?, body: [Statement])
    case ifElse(condition: Expr, then: [Statement], otherwise: [Statement]?)
    case def(Definition)
    case returnValue(Expr?)
}

/// `def VERB PARAM* (KEY=DEFAULT)* { BODY }`.
struct Definition {
    let name: String
    let nameLocation: SourceLocation
    let parameters: [String]
    let keywords: [(name: String, defaultValue: Expr, text: String)]
    let body: [Statement]
    /// The `def` line as written, for help.
    let signatureText: String
    /// `#` comment lines right above the def, shown by `help`.
    let docComment: String
}
