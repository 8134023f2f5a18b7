// The parser, part 2: commands and expressions.
// Precedence, loosest first: or, and, not, comparison, + -, * / %, unary -, postfix.

extension Parser {
    /// Where a command may stand (statement start, after `let x =`, inside parentheses):
    /// `NAME ARG*` is a command; anything else is an expression.
    mutating func commandOrExpression() throws -> Expr {
        let token = peek()
        guard let verb = token.kind.identifierName else { return try expression() }
        let next = peek(1)
        let isCallForm = next.kind == .leftParen && !next.spaceBefore
        guard !isCallForm, startsArgument(at: 1) || endsCommand(next) else { return try expression() }
        advance()
        let arguments = verb == "help" ? try helpTopic() : try commandArguments()
        return .command(CommandCall(verb: verb, verbLocation: token.location, arguments: arguments))
    }

    /// `help for`: after help, statement words are topics like any other word.
    mutating func helpTopic() throws -> [Expr] {
        let token = peek()
        // `help ?WORD` searches the summaries, as `apropos WORD` does.
        if token.kind == .question, let word = peek(1).kind.identifierName, !peek(1).spaceBefore {
            advance()
            advance()
            return [.literal(.string("?" + word), token.location)] + (try commandArguments())
        }
        guard TokenKind.reservedWords[token.lexeme] != nil else { return try commandArguments() }
        advance()
        return [.variable(token.lexeme, token.location)]
    }

    mutating func commandArguments() throws -> [Expr] {
        var arguments: [Expr] = []
        while startsArgument(at: 0) {
            let saved = argumentMode
            argumentMode = true
            defer { argumentMode = saved }
            arguments.append(try expression())
        }
        return arguments
    }

    /// Whether the token `ahead` begins a new command argument.
    func startsArgument(at ahead: Int) -> Bool {
        let token = peek(ahead)
        switch token.kind {
        case .number, .string, .size, .geometry, .identifier, .trueKeyword, .falseKeyword, .noneKeyword, .notKeyword:
            return true
        case _ where peek(ahead - 1).lexeme == "help" && (TokenKind.reservedWords[token.lexeme] != nil || token.kind == .question):
            return true
        case .leftParen, .leftBracket:
            return token.spaceBefore
        case .minus:
            return token.spaceBefore && !peek(ahead + 1).spaceBefore
        default:
            return false
        }
    }

    func endsCommand(_ token: Token) -> Bool {
        token.kind.endsStatement || token.kind == .rightParen
    }

    mutating func expression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        let expression = try or()
        if operatorCount > Parser.maximumOperators {
            throw error(at: previous(), "expression too long (more than \(Parser.maximumOperators) operators)")
        }
        return expression
    }

    mutating func or() throws -> Expr {
        var left = try and()
        while check(.orKeyword) && withinOperatorLimit() {
            let op = advance()
            left = .binary(.or, left, try and(), op.location)
        }
        return left
    }

    mutating func and() throws -> Expr {
        var left = try not()
        while check(.andKeyword) && withinOperatorLimit() {
            let op = advance()
            left = .binary(.and, left, try not(), op.location)
        }
        return left
    }

    mutating func not() throws -> Expr {
        guard check(.notKeyword) else { return try comparison() }
        let op = advance()
        try enter()
        defer { depth -= 1 }
        return .unary(.not, try not(), op.location)
    }

    mutating func comparison() throws -> Expr {
        var left = try term()
        while let op = binaryOperator(in: [.equalEqual: .equal, .bangEqual: .notEqual, .less: .less,
                                           .lessEqual: .lessEqual, .greater: .greater,
                                           .greaterEqual: .greaterEqual]) {
            left = .binary(op.0, left, try term(), op.1)
        }
        return left
    }

    mutating func term() throws -> Expr {
        var left = try factor()
        while let op = binaryOperator(in: [.plus: .add, .minus: .subtract]) {
            left = .binary(op.0, left, try factor(), op.1)
        }
        return left
    }

    mutating func factor() throws -> Expr {
        var left = try unary()
        while let op = binaryOperator(in: [.star: .multiply, .slash: .divide, .percent: .remainder]) {
            left = .binary(op.0, left, try unary(), op.1)
        }
        return left
    }

    /// Counts one more operator; false past the limit. Each operator nests the
    /// tree one level deeper on its left, and trees are evaluated (and freed) recursively.
    mutating func withinOperatorLimit() -> Bool {
        operatorCount += 1
        return operatorCount <= Parser.maximumOperators
    }

    /// The next token as a binary operator, unless in an argument list it starts
    /// the next argument (`set lr -1`).
    mutating func binaryOperator(in table: [TokenKind: BinaryOperator]) -> (BinaryOperator, SourceLocation)? {
        let token = peek()
        guard let op = table[token.kind] else { return nil }
        if argumentMode && token.kind == .minus && startsArgument(at: 0) { return nil }
        guard withinOperatorLimit() else { return nil }
        advance()
        return (op, token.location)
    }

    mutating func unary() throws -> Expr {
        guard check(.minus) else { return try postfix() }
        let op = advance()
        try enter()
        defer { depth -= 1 }
        return .unary(.negate, try unary(), op.location)
    }

    /// `list[i]`, `list[a..b]` and the function form `width(img)`, written without a space.
    mutating func postfix() throws -> Expr {
        var expression = try primary()
        while !peek().spaceBefore {
            if check(.leftBracket) {
                let open = advance()
                var index = try nested { try $0.expression() }
                if check(.dotDot) {
                    let dots = advance()
                    let start = index
                    index = .binary(.range, start, try nested { try $0.expression() }, dots.location)
                }
                try consume(.rightBracket, "expected ']' after the index")
                expression = .index(expression, index, open.location)
            } else if check(.leftParen), case .variable(let name, let location) = expression {
                let open = advance()
                let arguments = try nested { try $0.commaList(opening: open, closing: .rightParen, what: "')'") }
                expression = .command(CommandCall(verb: name, verbLocation: location, arguments: arguments))
            } else {
                break
            }
        }
        return expression
    }

    mutating func primary() throws -> Expr {
        let token = advance()
        switch token.kind {
        case .number(let value): return .literal(.number(value), token.location)
        case .size(let width, let height): return .literal(.size(width, height), token.location)
        case .geometry(let geometry): return .literal(.geometry(geometry), token.location)
        case .string(let parts): return .string(parts, token.location)
        case .trueKeyword: return .literal(.bool(true), token.location)
        case .falseKeyword: return .literal(.bool(false), token.location)
        case .noneKeyword: return .literal(.none, token.location)
        case .identifier(let name): return .variable(name, token.location)
        case .leftBracket:
            let items = try nested { try $0.commaList(opening: token, closing: .rightBracket, what: "']'") }
            return .list(items, token.location)
        case .leftParen:
            let inner = try nested { try $0.commandOrExpression() }
            guard match(.rightParen) else { throw unclosed(token, "')'") }
            return inner
        default:
            throw error(at: token, "expected an expression, got '\(describe(token))'")
        }
    }

    /// `a, b, c` up to the closing token (already past the opening one).
    mutating func commaList(opening: Token, closing: TokenKind, what: String) throws -> [Expr] {
        var items: [Expr] = []
        while !check(closing) && !atEnd() {
            items.append(try expression())
            if !match(.comma) { break }
        }
        guard match(closing) else { throw unclosed(opening, what) }
        return items
    }

    /// At the end of the input (the lexer ends it with a newline).
    func atEnd() -> Bool {
        check(.endOfFile) || (check(.newline) && peek(1).kind == .endOfFile)
    }

    /// A missing closer: point at the opener when the input ran out.
    func unclosed(_ opening: Token, _ closer: String) -> ScriptError {
        atEnd() ? error(at: opening, "unclosed '\(opening.lexeme)'")
                : error(at: peek(), "expected \(closer), got '\(describe(peek()))'")
    }

    /// Inside ( ) and [ ] spaces no longer separate command arguments.
    mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        let saved = argumentMode
        argumentMode = false
        defer { argumentMode = saved }
        return try body(&self)
    }
}
