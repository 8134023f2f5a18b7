// `help` and `apropos`: the commands that show the documentation. What they show is
// derived from the command table and the settings (Help.swift, HelpTopics.swift),
// wrapped to the terminal's width.

extension Interpreter {
    var helpCommands: [Command] { [helpCommand, aproposCommand] }

    private var helpCommand: Command {
        Command("help", positional: [.variadic("topic", .word, "commands, settings or topics")],
                summary: "list the commands, or explain commands, settings and topics",
                help: "help\nhelp sample\nhelp train iters gp\n? sample\nhelp ?noise\n\n`? CMD` is the same as "
                    + "`help CMD`; `help ?WORD` is `apropos WORD`. Topics besides commands and settings: singan "
                    + "(the method's formulas), settings, ans, n, args, and the statements let, def, if, for, "
                    + "repeat, return.",
                recorded: false) { arguments, interpreter in
            guard case .list(let words) = arguments["topic"], !words.isEmpty else {
                interpreter.printHelp(Help.overview(interpreter.table))
                return .none
            }
            let location = arguments.location(of: "topic")
            let topics = interpreter.helpTopics(words.map(\.printed))
            for (index, topic) in topics.enumerated() {
                if index > 0 { interpreter.output.print("") }
                if topic.hasPrefix("?") && topic.count > 1 {
                    try interpreter.apropos(String(topic.dropFirst()))
                } else {
                    interpreter.printHelp(try interpreter.help(topic, at: location))
                }
            }
            return .none
        }
    }

    private var aproposCommand: Command {
        Command("apropos", positional: [Parameter("word", .word, "a word to look for")],
                summary: "list the commands, settings and topics whose name or summary mentions a word",
                help: "apropos noise\nhelp ?noise", recorded: false) { arguments, interpreter in
            try interpreter.apropos(arguments["word"].printed)
            return .none
        }
    }

    /// `help walk z train` is two topics: two words that name a subcommand go together.
    func helpTopics(_ words: [String]) -> [String] {
        var topics: [String] = []
        var index = 0
        while index < words.count {
            if index + 1 < words.count, table["\(words[index]) \(words[index + 1])"] != nil {
                topics.append("\(words[index]) \(words[index + 1])")
                index += 2
            } else {
                topics.append(words[index])
                index += 1
            }
        }
        return topics
    }

    /// The lines `help TOPIC` prints.
    func help(_ topic: String, at location: SourceLocation) throws -> [String] {
        let subcommands = table.subcommands(of: topic).compactMap { table["\(topic) \($0)"] }
        if let command = table[topic] {
            let seeAlso = subcommands.isEmpty ? [] : ["see also: " + subcommands.map(\.name).joined(separator: ", ")]
            return Help.details(command) + seeAlso
        }
        if !subcommands.isEmpty { return subcommands.flatMap { Help.details($0) + [""] }.dropLast() }
        if let lines = Help.statements[topic] ?? Help.names[topic] { return lines }
        if topic == "singan" { return Help.singan }
        if topic == "settings" { return Help.settingsOverview(settings) }
        if let setting = settings.definition(topic) {
            return Help.setting(setting, value: settings[topic]) + (Help.settingDetails[topic] ?? [])
        }
        let known = table.names + settings.names + Help.statements.keys + Help.names.keys + ["singan", "settings"]
        throw ScriptError(.runtime, "no help for '\(topic)'\(Suggestions.hint(for: topic, in: known)) "
                          + "(apropos \(topic) searches the summaries)", at: location)
    }

    /// Every command, setting and topic whose name or summary contains the word.
    func apropos(_ word: String) throws {
        let needle = word.lowercased()
        var entries: [(String, String)] = table.all.map { ($0.name, $0.summary) }
        entries += settings.names.compactMap { name in settings.definition(name).map { ("set \(name)", $0.summary) } }
        entries += [("help singan", "the method's formulas: pyramid, losses, noise amplitude, walk"),
                    ("help settings", "every setting with its type, default and meaning")]
        entries += Help.names.map { ($0.key, $0.value.dropFirst().joined(separator: " ")) }
        let hits = entries.filter { $0.0.lowercased().contains(needle) || $0.1.lowercased().contains(needle) }
            .sorted { $0.0 < $1.0 }
        guard !hits.isEmpty else {
            output.print("nothing mentions '\(word)' (help lists every command)")
            return
        }
        let column = min(24, (hits.map(\.0.count).max() ?? 0) + 2)
        printHelp(hits.map { Help.padded($0.0, to: column) + $0.1 }, hang: column)
    }

    /// Prints help lines wrapped to the width, continuation lines indented under their line.
    func printHelp(_ lines: [String], hang: Int? = nil) {
        let width = max(40, helpWidth())
        for line in lines { Help.wrap(line, width: width, hang: hang).forEach(output.print) }
    }
}

extension Help {
    /// A line broken at spaces to fit the width; the pieces after the first are indented
    /// like the line plus two, or, for a table row such as `  steps N   int, 1 - ...`,
    /// under its second column.
    static func wrap(_ line: String, width: Int, hang: Int? = nil) -> [String] {
        guard line.count > width else { return [line] }
        let leading = line.prefix { $0 == " " }.count
        let hanging = hang ?? secondColumn(of: line, after: leading) ?? (leading + (leading > 0 ? 2 : 0))
        let indent = String(repeating: " ", count: min(hanging, width / 2))
        var lines: [String] = []
        var current = ""
        for word in line.dropFirst(leading).split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty && current.isEmpty ? String(repeating: " ", count: leading) : ""
            if current.isEmpty {
                current = (lines.isEmpty ? prefix : indent) + word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = indent + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Where the second column of an indented table row starts: after the first run of
    /// two or more spaces that follows the row's first word.
    private static func secondColumn(of line: String, after leading: Int) -> Int? {
        guard leading > 0 else { return nil }
        let characters = Array(line)
        var index = leading
        while index + 1 < characters.count {
            if characters[index] == " " && characters[index + 1] == " " {
                var end = index
                while end < characters.count && characters[end] == " " { end += 1 }
                return end < characters.count ? end : nil
            }
            index += 1
        }
        return nil
    }
}
