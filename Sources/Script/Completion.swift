// Tab completion, from the command table: commands at the start of a statement,
// keywords of the command being typed, variables, settings after `set`, and file
// names (with an extension filter) where the parameter is a path.

public struct Completion: Equatable {
    /// Words that complete the one under the cursor, sorted.
    public var candidates: [String] = []
    /// Character offset in the line where the word being completed starts.
    public var wordStart: Int = 0
    /// The word is a file name: complete paths instead (inside the open string).
    public var wantsPath = false
    /// Extensions (without dots) the file name should have; empty means any file.
    public var extensions: [String] = []
}

extension Session {
    public func completions(for line: String, cursor: Int) -> Completion {
        let characters = Array(line.prefix(max(0, cursor)))
        if let quote = openQuote(in: characters) {
            var completion = pathCompletion(context: Array(characters[..<quote]))
            completion.wordStart = quote + 1
            completion.wantsPath = true
            return completion
        }
        var start = characters.count
        while start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "_" {
            start -= 1
        }
        let word = String(characters[start...])
        var completion = wordCompletion(context: Array(characters[..<start]))
        completion.candidates = completion.candidates.filter { $0.hasPrefix(word) }
        completion.wordStart = start
        return completion
    }

    /// Offset of the `"` that opens an unterminated string, if the cursor is inside one.
    private func openQuote(in characters: [Character]) -> Int? {
        var open: Int?
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if open != nil && c == "\\" { index += 2; continue }
            if c == "\"" { open = open == nil ? index : nil }
            if c == "#" && open == nil { return nil }
            index += 1
        }
        return open
    }

    /// The words of the statement before the cursor (after the last `;`, `{`, `}`, `(` or `=`).
    private func statementWords(_ context: [Character]) -> [String] {
        var start = context.count
        while start > 0, !";{}(=".contains(context[start - 1]) { start -= 1 }
        return String(context[start...]).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    private func wordCompletion(context: [Character]) -> Completion {
        let words = statementWords(context)
        let variables = interpreter.globals.names + interpreter.hostVariableNames()
        guard let verb = words.first.map({ $0 == "?" ? "help" : $0 }) else {
            let starters = ["let", "def", "if", "for", "repeat", "return", "else"]
            return Completion(candidates: Set(table.verbs + starters + variables).sorted())
        }
        if verb == "set" && words.count == 1 { return Completion(candidates: settings.names) }
        if verb == "help" {
            let topics = Array(Help.statements.keys) + Array(Help.names.keys) + ["singan", "settings"]
            return Completion(candidates: Set(table.verbs + settings.names + topics).sorted())
        }
        guard let (command, arguments) = resolveTyped(words) else {
            return Completion(candidates: Set(variables + table.subcommands(of: verb)).sorted())
        }
        if let parameter = valueSlot(of: command, after: arguments), let extensions = parameter.type.pathExtensions {
            return Completion(wantsPath: true, extensions: extensions)
        }
        let used = Set(arguments)
        var candidates = command.keywords.map(\.name).filter { !used.contains($0) } + variables
        if words.count == 1 { candidates += table.subcommands(of: verb) }
        return Completion(candidates: Set(candidates).sorted())
    }

    private func pathCompletion(context: [Character]) -> Completion {
        let words = statementWords(context)
        guard let (command, arguments) = resolveTyped(words),
              let parameter = valueSlot(of: command, after: arguments),
              let extensions = parameter.type.pathExtensions else { return Completion() }
        return Completion(extensions: extensions)
    }

    /// The command being typed and the argument words after its name.
    private func resolveTyped(_ words: [String]) -> (Command, [String])? {
        guard let verb = words.first else { return nil }
        if words.count >= 2, let command = table["\(verb) \(words[1])"] { return (command, Array(words.dropFirst(2))) }
        guard let command = table[verb] else { return nil }
        return (command, Array(words.dropFirst()))
    }

    /// The parameter the next argument fills: the value of a keyword just typed,
    /// or the next positional slot while no keyword has been seen.
    private func valueSlot(of command: Command, after arguments: [String]) -> Parameter? {
        if let last = arguments.last, let keyword = command.keyword(last), !keyword.isFlag { return keyword }
        guard !arguments.contains(where: { command.keyword($0) != nil }) else { return nil }
        let slot = arguments.count
        if slot < command.positional.count { return command.positional[slot] }
        return command.positional.last.flatMap { $0.isVariadic ? $0 : nil }
    }

    /// True unless a block `{`, a `(` or a `[` is still open or the last line ends with
    /// an operator: the REPL then asks for another line.
    public static func isComplete(_ source: String) -> Bool {
        guard let tokens = try? Lexer.tokenize(Source(name: "", text: source)) else { return true }
        var braces = 0, brackets = 0
        for token in tokens {
            switch token.kind {
            case .leftBrace: braces += 1
            case .rightBrace: braces -= 1
            case .leftParen, .leftBracket: brackets += 1
            case .rightParen, .rightBracket: brackets -= 1
            default: break
            }
        }
        let last = tokens.last { $0.kind != .newline && $0.kind != .endOfFile }
        if let last, last.kind.isBinaryOperator { return false }
        return braces <= 0 && brackets <= 0
    }
}
