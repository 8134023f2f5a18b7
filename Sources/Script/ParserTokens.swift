// The parser, part 4: moving through the tokens, and syntax errors.

extension Parser {
    func peek(_ ahead: Int = 0) -> Token { tokens[max(0, min(current + ahead, tokens.count - 1))] }
    func previous() -> Token { tokens[max(0, current - 1)] }
    func check(_ kind: TokenKind) -> Bool { peek().kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if current < tokens.count - 1 { current += 1 }
        return token
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func consume(_ kind: TokenKind, _ message: String) throws {
        guard match(kind) else { throw error(at: peek(), message + ", got '\(describe(peek()))'") }
    }

    mutating func identifier(_ what: String) throws -> String {
        guard let name = peek().kind.identifierName else {
            throw error(at: peek(), "expected \(what), got '\(describe(peek()))'")
        }
        advance()
        return name
    }

    mutating func skipTerminators() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    mutating func enter() throws {
        depth += 1
        if depth > Parser.maximumDepth { throw error(at: peek(), "nested too deeply") }
    }

    func make(_ kind: StatementKind, at token: Token) -> Statement {
        Statement(kind: kind, location: token.location, range: token.offset..<previous().endOffset)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .newline: return "end of line"
        case .endOfFile: return "end of input"
        default: return token.lexeme
        }
    }

    func error(at token: Token, _ message: String) -> ScriptError {
        ScriptError(.syntax, message, at: token.location)
    }
}
