// The lexer: characters to tokens. Newlines end statements except inside ( ) and
// [ ] and after a trailing binary operator, where the statement continues.

struct Lexer {
    let source: Source
    let chars: [Character]
    var position = 0
    var line = 1
    var lineStart = 0
    var tokenStart = 0
    var tokenLine = 1
    var tokenColumn = 1
    /// Nesting of ( and [: newlines inside them are not statement ends.
    var bracketDepth = 0
    var sawSpace = true
    var tokens: [Token] = []

    init(source: Source) {
        self.source = source
        self.chars = source.chars
    }

    static func tokenize(_ source: Source) throws -> [Token] {
        var lexer = Lexer(source: source)
        return try lexer.scanAll()
    }

    mutating func scanAll() throws -> [Token] {
        while true {
            skipSpaceAndComments()
            begin()
            guard let c = peek() else { break }
            if c.isNewline {
                advanceLine()
                addNewline()
                sawSpace = true
                continue
            }
            try scanToken(c)
            sawSpace = false
        }
        addNewline()
        add(.endOfFile)
        return tokens
    }

    mutating func scanToken(_ c: Character) throws {
        if c.isNumber && c.isASCII { return try scanNumberOrSize() }
        if c.isLetter || c == "_" { return try scanIdentifier() }
        if c == "\"" { return try scanString() }
        advance()
        switch c {
        case "(": bracketDepth += 1; add(.leftParen)
        case ")": bracketDepth = max(0, bracketDepth - 1); add(.rightParen)
        case "[": bracketDepth += 1; add(.leftBracket)
        case "]": bracketDepth = max(0, bracketDepth - 1); add(.rightBracket)
        case "{": add(.leftBrace)
        case "}": add(.rightBrace)
        case ",": add(.comma)
        case ";": add(.semicolon)
        case "?": add(.question)
        case "+": add(.plus)
        case "-": add(.minus)
        case "*": add(.star)
        case "/": add(.slash)
        case "%": add(.percent)
        case "=": add(match("=") ? .equalEqual : .equal)
        case "<": add(match("=") ? .lessEqual : .less)
        case ">": add(match("=") ? .greaterEqual : .greater)
        case "!":
            guard match("=") else { throw error("unexpected '!' (write 'not' for negation)") }
            add(.bangEqual)
        case ".":
            guard match(".") else { throw error("unexpected '.'") }
            add(.dotDot)
        default:
            throw error("unexpected character '\(c)'")
        }
    }

    // MARK: - Helpers

    mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" {
                sawSpace = true
                advance()
            } else if c == "#" {
                while let c = peek(), !c.isNewline { advance() }
            } else if c.isNewline && bracketDepth > 0 {
                sawSpace = true
                advanceLine()
            } else {
                return
            }
        }
    }

    /// Emits a statement end, unless the statement obviously goes on.
    mutating func addNewline() {
        guard let last = tokens.last else { return }
        if last.kind == .newline || last.kind == .leftBrace || last.kind.isBinaryOperator { return }
        add(.newline)
    }

    mutating func begin() {
        tokenStart = position
        tokenLine = line
        tokenColumn = position - lineStart + 1
    }

    mutating func add(_ kind: TokenKind) {
        let location = SourceLocation(source: source, line: tokenLine, column: tokenColumn,
                                      length: position - tokenStart, offset: tokenStart)
        tokens.append(Token(kind: kind, lexeme: currentLexeme(), location: location, spaceBefore: sawSpace))
    }

    func currentLexeme() -> String { String(chars[tokenStart..<position]) }

    func peek(_ ahead: Int = 0) -> Character? {
        position + ahead < chars.count ? chars[position + ahead] : nil
    }

    mutating func advance() { position += 1 }

    mutating func advanceLine() {
        position += 1
        line += 1
        lineStart = position
    }

    mutating func match(_ expected: Character) -> Bool {
        guard peek() == expected else { return false }
        advance()
        return true
    }

    func error(_ message: String) -> ScriptError {
        let location = SourceLocation(source: source, line: tokenLine, column: tokenColumn,
                                      length: position - tokenStart, offset: tokenStart)
        return ScriptError(.syntax, message, at: location)
    }
}
