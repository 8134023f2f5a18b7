// The lexer, part 2: words, numbers, sizes and strings.

extension Lexer {
    // MARK: - Words and numbers

    mutating func scanIdentifier() throws {
        if try scanHeightOnlyGeometry() { return }
        while let c = peek(), c.isLetter || c.isNumber || c == "_" { advance() }
        let word = currentLexeme()
        add(TokenKind.reservedWords[word] ?? .identifier(word))
    }

    /// `42`, `0.75`, `5e-4`, sizes `250x188`, `1.5x1`, `64X48`, and ImageMagick geometry:
    /// `50%`, `64x`, `64x48!`, `64x48+10+5` (see Geometry).
    mutating func scanNumberOrSize() throws {
        let width = try scanNumber()
        if peek() == "x" || peek() == "X" {
            advance()
            var height: Double?
            if let c = peek(), c.isNumber && c.isASCII { height = try scanNumber() }
            let geometry = try scanGeometrySuffix(Geometry(width: width, height: height))
            guard height != nil || geometry.percent || endsGeometry() else {
                skipWordCharacters()
                throw error("bad size '\(currentLexeme())' (write width x height, like 250x188)")
            }
            try rejectTrailingWordCharacters(kind: "size")
            if let height, geometry.isPlain && !geometry.exact { return add(.size(width, height)) }
            return add(.geometry(geometry))
        }
        if peek() == "%" && endsGeometry(after: 1) {
            advance()
            let geometry = try scanGeometrySuffix(Geometry(width: width, height: width, percent: true))
            return add(.geometry(geometry))
        }
        try rejectTrailingWordCharacters(kind: "number")
        add(.number(width))
    }

    /// `x48` right after the word `size`: a height whose width keeps the aspect. Elsewhere
    /// `x48` stays a name.
    mutating func scanHeightOnlyGeometry() throws -> Bool {
        guard tokens.last?.kind == .identifier("size"), sawSpace, peek() == "x",
              let c = peek(1), c.isNumber && c.isASCII else { return false }
        advance()
        let height = try scanNumber()
        let geometry = try scanGeometrySuffix(Geometry(width: nil, height: height))
        try rejectTrailingWordCharacters(kind: "size")
        add(.geometry(geometry))
        return true
    }

    /// After the sides: `%`, `!` (not `!=`), `+X+Y`, in ImageMagick's order.
    mutating func scanGeometrySuffix(_ start: Geometry) throws -> Geometry {
        var geometry = start
        if peek() == "%" && !geometry.percent && endsGeometry(after: 1) {
            advance()
            geometry.percent = true
            if geometry.width == nil || geometry.height == nil { throw error("a percentage needs a number, like 50% or 50x25%") }
        }
        if peek() == "!" && peek(1) != "=" {
            advance()
            geometry.exact = true
        }
        if peek() == "+", let offset = scanOffset() { geometry.offset = offset }
        return geometry
    }

    /// `+X+Y` (both whole numbers), or nil with nothing consumed.
    mutating func scanOffset() -> (x: Int, y: Int)? {
        var end = position, numbers: [Int] = []
        for _ in 0..<2 {
            guard end < chars.count, chars[end] == "+" else { return nil }
            var digits = ""
            end += 1
            while end < chars.count, chars[end].isNumber && chars[end].isASCII { digits.append(chars[end]); end += 1 }
            guard let value = Int(digits.prefix(9)) else { return nil }
            numbers.append(value)
        }
        position = end
        return (numbers[0], numbers[1])
    }

    /// Whether the character `ahead` ends a geometry: space, end, a closing bracket, a comma
    /// or `!`/`+`; so `7%2` stays a remainder.
    func endsGeometry(after ahead: Int = 0) -> Bool {
        guard let c = peek(ahead) else { return true }
        return c.isWhitespace || c.isNewline || ")],;!+#".contains(c)
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
