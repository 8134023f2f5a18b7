// The lexer: characters to tokens. Newlines end statements except inside ( ) and
// [ ] and after a trailing binary operator, where the statement continues.

struct Lexer {
    private let source: Source
    private let chars: [Character]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var tokenStart = 0
    private var tokenLine = 1
    private var tokenColumn = 1
    /// Nesting of ( and [: newlines inside them are not statement ends.
    private var bracketDepth = 0
    private var sawSpace = true
    private var tokens: [Token] = []

    init(source: Source) {
        self.source = source
        self.chars = source.chars
    }

    static func tokenize(_ source: Source) throws -> [Token] {
        var lexer = Lexer(source: source)
        return try lexer.scanAll()
    }

    private mutating func scanAll() throws -> [Token] {
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

    private mutating func scanToken(_ c: Character) throws {
        if c.isNumber && c.isASCII { return try scanNumberOrSize() }
        if c.isLetter || c == "_" { return scanIdentifier() }
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

    // MARK: - Words and numbers

    private mutating func scanIdentifier() {
        while let c = peek(), c.isLetter || c.isNumber || c == "_" { advance() }
        let word = currentLexeme()
        add(TokenKind.reservedWords[word] ?? .identifier(word))
    }

    /// `42`, `0.75`, `5e-4`, and sizes `250x188`, `1.5x1`.
    private mutating func scanNumberOrSize() throws {
        let width = try scanNumber()
        if peek() == "x" {
            advance()
            guard let c = peek(), c.isNumber && c.isASCII else {
                skipWordCharacters()
                throw error("bad size '\(currentLexeme())' (write width x height, like 250x188)")
            }
            let height = try scanNumber()
            try rejectTrailingWordCharacters(kind: "size")
            return add(.size(width, height))
        }
        try rejectTrailingWordCharacters(kind: "number")
        add(.number(width))
    }

    private mutating func scanNumber() throws -> Double {
        let start = position
        skipDigits()
        if peek() == ".", let next = peek(1), next.isNumber && next.isASCII {
            advance()
            skipDigits()
        }
        if peek() == "e" || peek() == "E" {
            advance()
            if peek() == "+" || peek() == "-" { advance() }
            guard let c = peek(), c.isNumber && c.isASCII else {
                skipWordCharacters()
                throw error("bad number '\(currentLexeme())'")
            }
            skipDigits()
        }
        guard let value = Double(String(chars[start..<position])) else {
            throw error("bad number '\(currentLexeme())'")
        }
        return value
    }

    /// `12abc` or `1.2.3` is a typo, not a number followed by a word.
    private mutating func rejectTrailingWordCharacters(kind: String) throws {
        let dotDigit = peek() == "." && (peek(1)?.isNumber ?? false)
        guard let c = peek(), c.isLetter || c.isNumber || c == "_" || dotDigit else { return }
        skipWordCharacters()
        throw error("bad \(kind) '\(currentLexeme())'")
    }

    private mutating func skipDigits() {
        while let c = peek(), c.isNumber && c.isASCII { advance() }
    }

    private mutating func skipWordCharacters() {
        while let c = peek(), c.isLetter || c.isNumber || c == "_" || c == "." { advance() }
    }

    // MARK: - Strings

    /// `"..."` with `\" \\ \n \t \{ \}` and `{name}` interpolation.
    private mutating func scanString() throws {
        advance()
        var parts: [StringPart] = []
        var text = ""
        while true {
            guard let c = peek(), !c.isNewline else {
                throw error("unterminated string (close it with \" on the same line)")
            }
            advance()
            if c == "\"" { break }
            if c == "\\" {
                text.append(try scanEscape())
            } else if c == "{", let name = scanInterpolatedName() {
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(.name(name))
            } else {
                text.append(c)
            }
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        add(.string(parts))
    }

    private mutating func scanEscape() throws -> Character {
        guard let c = peek(), !c.isNewline else {
            throw error("unterminated string (close it with \" on the same line)")
        }
        advance()
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "\"", "\\", "{", "}": return c
        default:
            throw escapeError(c)
        }
    }

    private func escapeError(_ c: Character) -> ScriptError {
        let column = position - lineStart - 1
        let location = SourceLocation(source: source, line: line, column: column, length: 2,
                                      offset: position - 2)
        return ScriptError(.syntax, "unknown escape '\\\(c)' (use \\\" \\\\ \\n \\t \\{ \\})", at: location)
    }

    /// After `{`: a name and `}`, or nil (and nothing consumed) when it is a plain brace.
    private mutating func scanInterpolatedName() -> String? {
        var end = position
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
        guard end > position, end < chars.count, chars[end] == "}", !chars[position].isNumber else { return nil }
        let name = String(chars[position..<end])
        position = end + 1
        return name
    }

    // MARK: - Helpers

    private mutating func skipSpaceAndComments() {
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
    private mutating func addNewline() {
        guard let last = tokens.last else { return }
        if last.kind == .newline || last.kind == .leftBrace || last.kind.isBinaryOperator { return }
        add(.newline)
    }

    private mutating func begin() {
        tokenStart = position
        tokenLine = line
        tokenColumn = position - lineStart + 1
    }

    private mutating func add(_ kind: TokenKind) {
        let location = SourceLocation(source: source, line: tokenLine, column: tokenColumn,
                                      length: position - tokenStart, offset: tokenStart)
        tokens.append(Token(kind: kind, lexeme: currentLexeme(), location: location, spaceBefore: sawSpace))
    }

    private func currentLexeme() -> String { String(chars[tokenStart..<position]) }

    private func peek(_ ahead: Int = 0) -> Character? {
        position + ahead < chars.count ? chars[position + ahead] : nil
    }

    private mutating func advance() { position += 1 }

    private mutating func advanceLine() {
        position += 1
        line += 1
        lineStart = position
    }

    private mutating func match(_ expected: Character) -> Bool {
        guard peek() == expected else { return false }
        advance()
        return true
    }

    private func error(_ message: String) -> ScriptError {
        let location = SourceLocation(source: source, line: tokenLine, column: tokenColumn,
                                      length: position - tokenStart, offset: tokenStart)
        return ScriptError(.syntax, message, at: location)
    }
}
