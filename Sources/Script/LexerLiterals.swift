// The lexer, part 2: words, numbers, sizes and strings.

extension Lexer {
    // MARK: - Words and numbers

    mutating func scanIdentifier() {
        while let c = peek(), c.isLetter || c.isNumber || c == "_" { advance() }
        let word = currentLexeme()
        add(TokenKind.reservedWords[word] ?? .identifier(word))
    }

    /// `42`, `0.75`, `5e-4`, and sizes `250x188`, `1.5x1`.
    mutating func scanNumberOrSize() throws {
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

    mutating func scanNumber() throws -> Double {
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
        // 1e400 would silently become inf; the longest finite double is 1.8e308.
        guard value.isFinite else {
            let text = String(chars[start..<position])
            throw error("number too large: \(text.count > 20 ? text.prefix(12) + "... (\(text.count) characters)" : text) (the largest is about 1.8e308)")
        }
        return value
    }

    /// `12abc` or `1.2.3` is a typo, not a number followed by a word.
    mutating func rejectTrailingWordCharacters(kind: String) throws {
        let dotDigit = peek() == "." && (peek(1)?.isNumber ?? false)
        guard let c = peek(), c.isLetter || c.isNumber || c == "_" || dotDigit else { return }
        skipWordCharacters()
        throw error("bad \(kind) '\(currentLexeme())'")
    }

    mutating func skipDigits() {
        while let c = peek(), c.isNumber && c.isASCII { advance() }
    }

    mutating func skipWordCharacters() {
        while let c = peek(), c.isLetter || c.isNumber || c == "_" || c == "." { advance() }
    }

    // MARK: - Strings

    /// `"..."` with `\" \\ \n \t \{ \}` and `{name}` interpolation.
    mutating func scanString() throws {
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

    mutating func scanEscape() throws -> Character {
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

    func escapeError(_ c: Character) -> ScriptError {
        let column = position - lineStart - 1
        let location = SourceLocation(source: source, line: line, column: column, length: 2,
                                      offset: position - 2)
        return ScriptError(.syntax, "unknown escape '\\\(c)' (use \\\" \\\\ \\n \\t \\{ \\})", at: location)
    }

    /// After `{`: a name and `}`, or nil (and nothing consumed) when it is a plain brace.
    mutating func scanInterpolatedName() -> String? {
        var end = position
        while end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { end += 1 }
        guard end > position, end < chars.count, chars[end] == "}", !chars[position].isNumber else { return nil }
        let name = String(chars[position..<end])
        position = end + 1
        return name
    }
}
