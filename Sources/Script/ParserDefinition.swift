// The parser, part 3: `def VERB PARAM* (KEY=DEFAULT)* { BODY }`.

extension Parser {
    mutating func defStatement() throws -> Statement {
        let keyword = advance()
        let nameToken = peek()
        let name = try identifier("the new command's name after 'def'")
        var parameters: [String] = []
        var keywords: [(name: String, defaultValue: Expr, text: String)] = []
        while let parameter = peek().kind.identifierName {
            let token = advance()
            if [parameters, keywords.map(\.name)].joined().contains(parameter) {
                throw error(at: token, "parameter '\(parameter)' appears twice")
            }
            if match(.equal) {
                let start = peek().offset
                let value = try argumentExpression()
                keywords.append((parameter, value, source.slice(start..<previous().endOffset)))
            } else if !keywords.isEmpty {
                throw error(at: token, "positional parameter '\(parameter)' must come before the keyword parameters")
            } else {
                parameters.append(parameter)
            }
        }
        let signature = source.slice(keyword.offset..<previous().endOffset)
        let body = try block(after: "def \(name)")
        let definition = Definition(name: name, nameLocation: nameToken.location, parameters: parameters,
                                    keywords: keywords, body: body, signatureText: signature,
                                    docComment: docComment(above: keyword.location.line))
        return make(.def(definition), at: keyword)
    }

    /// A default value: spaces separate parameters, as they separate arguments.
    mutating func argumentExpression() throws -> Expr {
        let saved = argumentMode
        argumentMode = true
        defer { argumentMode = saved }
        return try expression()
    }

    /// The `#` lines right above a def: its help text.
    func docComment(above line: Int) -> String {
        var lines: [String] = []
        var number = line - 1
        while number >= 1 {
            let text = source.line(number).drop(while: { $0 == " " || $0 == "\t" })
            guard text.hasPrefix("#"), !text.hasPrefix("#!") else { break }
            lines.insert(String(text.dropFirst().drop(while: { $0 == " " })), at: 0)
            number -= 1
        }
        return lines.joined(separator: "\n")
    }
}
