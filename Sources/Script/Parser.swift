// The parser, part 1: statements and blocks. Recursive descent over the tokens.
// Expressions are in ParserExpressions.swift.

struct Parser {
    let tokens: [Token]
    let source: Source
    var current = 0
    /// Inside a command's argument list, a space separates arguments: `set lr -1`
    /// is two arguments while `at n-2` and `at n - 2` are one.
    var argumentMode = false
    var depth = 0
    static let maximumDepth = 150
    /// Binary operators in the current statement: a long chain is a deep tree too.
    var operatorCount = 0
    static let maximumOperators = 2000

    init(tokens: [Token], source: Source) {
        self.tokens = tokens
        self.source = source
    }

    static func parse(_ source: Source) throws -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(source), source: source)
        return try parser.program()
    }

    mutating func program() throws -> [Statement] {
        var statements: [Statement] = []
        skipTerminators()
        while !check(.endOfFile) {
            if check(.rightBrace) { throw error(at: peek(), "unexpected '}' (no block is open)") }
            statements.append(try statementWithTerminator())
            skipTerminators()
        }
        return statements
    }

    mutating func statementWithTerminator() throws -> Statement {
        let first = peek()
        operatorCount = 0
        var statement = try statement()
        let end = previous().endOffset
        statement = Statement(kind: statement.kind, location: statement.location,
                              range: first.offset..<end)
        switch peek().kind {
        case .semicolon:
            advance()
            statement.isSilent = true
        case .newline:
            advance()
        case .rightBrace, .endOfFile:
            break
        default:
            throw error(at: peek(), "expected the end of the statement, got '\(peek().lexeme)'")
        }
        return statement
    }

    mutating func statement() throws -> Statement {
        let token = peek()
        switch token.kind {
        case .letKeyword: return try letStatement()
        case .defKeyword: return try defStatement()
        case .ifKeyword: return try ifStatement()
        case .forKeyword: return try forStatement()
        case .repeatKeyword: return try repeatStatement()
        case .returnKeyword: return try returnStatement()
        case .question: return try helpAlias()
        case .elseKeyword:
            throw error(at: token, "'else' must be on the same line as the '}' that closes the 'if' block")
        case .identifier(let name) where peek(1).kind == .equal:
            advance()
            advance()
            return make(.assignment(name: name, value: try commandOrExpression()), at: token)
        default:
            switch try commandOrExpression() {
            case .command(let call): return make(.command(call), at: token)
            case let expression: return make(.expression(expression), at: token)
            }
        }
    }

    mutating func letStatement() throws -> Statement {
        let keyword = advance()
        let name = try identifier("a name after 'let'")
        try consume(.equal, "expected '=' after 'let \(name)'")
        return make(.letBinding(name: name, value: try commandOrExpression()), at: keyword)
    }

    mutating func ifStatement() throws -> Statement {
        let keyword = advance()
        let condition = try expression()
        let then = try block(after: "if")
        var otherwise: [Statement]?
        if match(.elseKeyword) {
            if check(.ifKeyword) {
                try enter()
                defer { depth -= 1 }
                otherwise = [try ifStatement()]
            } else {
                otherwise = try block(after: "else")
            }
        }
        return make(.ifElse(condition: condition, then: then, otherwise: otherwise), at: keyword)
    }

    /// `for NAME in A..B { }` (inclusive) or `for NAME in LIST { }`.
    mutating func forStatement() throws -> Statement {
        let keyword = advance()
        let name = try identifier("a loop variable after 'for'")
        try consume(.inKeyword, "expected 'in' after 'for \(name)'")
        let from = try expression()
        var to: Expr?
        if match(.dotDot) { to = try expression() }
        let body = try block(after: "for")
        return make(.forLoop(name: name, from: from, to: to, body: body), at: keyword)
    }

    mutating func repeatStatement() throws -> Statement {
        let keyword = advance()
        let count = try expression()
        return make(.repeatLoop(count: count, body: try block(after: "repeat")), at: keyword)
    }

    mutating func returnStatement() throws -> Statement {
        let keyword = advance()
        if peek().kind.endsStatement { return make(.returnValue(nil), at: keyword) }
        return make(.returnValue(try commandOrExpression()), at: keyword)
    }

    /// `? CMD` is `help CMD`, as in Julia.
    mutating func helpAlias() throws -> Statement {
        let mark = advance()
        let arguments = try helpTopic()
        let call = CommandCall(verb: "help", verbLocation: mark.location, arguments: arguments)
        return make(.command(call), at: mark)
    }

    /// `{ statement* }`; the `{` must be on the line of its statement.
    mutating func block(after keyword: String) throws -> [Statement] {
        guard check(.leftBrace) else {
            throw error(at: peek(), "expected '{' to open the block of '\(keyword)', got '\(describe(peek()))'")
        }
        let open = advance()
        try enter()
        defer { depth -= 1 }
        var statements: [Statement] = []
        skipTerminators()
        while !check(.rightBrace) {
            if check(.endOfFile) {
                throw error(at: open, "unclosed block: this '{' has no matching '}'")
            }
            statements.append(try statementWithTerminator())
            skipTerminators()
        }
        advance()
        return statements
    }
}
