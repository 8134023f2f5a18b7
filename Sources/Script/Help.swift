// Help text, all derived from the command table: the one-line synopsis, `help`,
// `help CMD`, and the Markdown command reference in docs/language.md.

/// `inject IMG at K [mask M] [into FILE]`.
func synopsis(of command: Command) -> String {
    var words = [command.name]
    for parameter in command.positional {
        let name = parameter.name.uppercased()
        words.append(parameter.isVariadic ? "[\(name)...]" : parameter.isRequired ? name : "[\(name)]")
    }
    for parameter in command.keywords {
        let clause = parameter.isFlag ? parameter.name : "\(parameter.name) \(parameter.type.placeholder)"
        words.append(parameter.isRequired ? clause : "[\(clause)]")
    }
    return words.joined(separator: " ")
}

extension Command {
    /// The first paragraph of the help: the example.
    public var example: String { help.components(separatedBy: "\n\n").first ?? "" }
    /// Everything after the example.
    var details: String { help.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n") }
    var parameters: [(label: String, parameter: Parameter)] {
        positional.map { ($0.name.uppercased(), $0) }
            + keywords.map { ($0.isFlag ? $0.name : "\($0.name) \($0.type.placeholder)", $0) }
    }
}

extension Parameter {
    /// `number` or `number in 0...1`.
    var typeDescription: String {
        guard let range else { return type.name }
        return "\(type.name) in \(formatNumber(range.lowerBound))...\(formatNumber(range.upperBound))"
    }

    var defaultDescription: String {
        if isVariadic { return "any number" }
        if isRequired { return "required" }
        if isFlag && defaultText == "false" { return "off" }
        if defaultValue?.isNone == true { return defaultText == Value.none.description ? "none" : defaultText ?? "none" }
        return defaultText ?? "none"
    }
}

enum Help {
    /// `help`: every command with its summary, grouped by topic.
    static func overview(_ table: CommandTable) -> [String] {
        var lines = ["commands (help CMD or ? CMD for details):"]
        let width = min(34, (table.all.map { synopsis(of: $0).count }.max() ?? 0) + 2)
        for (topic, commands) in grouped(table) {
            lines.append("\(topic):")
            for command in commands {
                lines.append("  " + padded(synopsis(of: command), to: width) + command.summary)
            }
        }
        lines.append("statements: " + statements.keys.sorted().joined(separator: " ") + " (help WORD)")
        lines.append("settings: help settings lists them; help SETTING for one")
        lines.append("topics: singan (the method's formulas) ans n args; apropos WORD searches; "
                     + "tutorial is a guided tour")
        return lines
    }

    /// `help let`, `help for`: the statement forms, which are not commands.
    static let statements: [String: [String]] = [
        "let": ["let NAME = VALUE", "  bind a name in the current scope; VALUE may be a command: let photo = load \"a.png\"",
                "NAME = VALUE", "  rebind an existing name"],
        "def": ["def VERB PARAM* (KEY=DEFAULT)* { ... }", "  define a command; # lines above it are its help",
                "  def blend a b weight=0.5 { return a }"],
        "if": ["if COND { ... } else if COND { ... } else { ... }", "  COND must be a bool; else goes on the line of the }"],
        "for": ["for NAME in A..B { ... }", "  A to B inclusive", "for NAME in LIST { ... }", "  each item of a list"],
        "repeat": ["repeat COUNT { ... }", "  run the block COUNT times"],
        "return": ["return [VALUE]", "  leave the current def with a value"],
    ]

    /// `help CMD`: synopsis, example first, then details and parameters with defaults.
    static func details(_ command: Command) -> [String] {
        var lines = [synopsis(of: command), "  " + command.summary]
        if !command.example.isEmpty {
            lines += ["", "example:"] + command.example.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if !command.details.isEmpty { lines += [""] + command.details.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        if !command.parameters.isEmpty {
            lines += ["", "parameters:"]
            let width = (command.parameters.map { $0.label.count }.max() ?? 0) + 2
            for (label, parameter) in command.parameters {
                let summary = parameter.summary.isEmpty ? "" : " - \(parameter.summary)"
                lines.append("  " + padded(label, to: width) + "\(parameter.typeDescription), \(parameter.defaultDescription)\(summary)")
            }
        }
        return lines
    }

    static func setting(_ setting: Setting, value: Value) -> [String] {
        ["set \(setting.name) \(setting.type.placeholder)", "  \(setting.summary)",
         "  type \(setting.type.name), default \(setting.defaultValue), now \(value)"]
            + (setting.details.isEmpty ? [] : [""] + setting.details.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// The Markdown reference section, in the order of `help`.
    static func markdownReference(_ table: CommandTable) -> String {
        var lines: [String] = []
        for (topic, commands) in grouped(table) where topic != "defined" {
            lines += ["### \(topic.prefix(1).uppercased() + topic.dropFirst())", ""]
            for command in commands { lines += markdown(command) }
        }
        return lines.joined(separator: "\n")
    }

    private static func markdown(_ command: Command) -> [String] {
        var lines = ["#### `\(synopsis(of: command))`", "", command.summary, ""]
        if !command.example.isEmpty { lines += ["```", command.example, "```", ""] }
        if !command.details.isEmpty { lines += [command.details, ""] }
        if !command.parameters.isEmpty {
            lines += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
            for (label, parameter) in command.parameters {
                lines.append("| `\(label)` | \(parameter.typeDescription) | \(parameter.defaultDescription) | \(parameter.summary) |")
            }
            lines.append("")
        }
        return lines
    }

    private static func grouped(_ table: CommandTable) -> [(String, [Command])] {
        let commands = table.all
        var topics: [String] = []
        for command in commands where !topics.contains(command.topic) { topics.append(command.topic) }
        topics.sort { ($0 == "language" ? "" : $0) < ($1 == "language" ? "" : $1) }
        return topics.map { topic in (topic, commands.filter { $0.topic == topic }) }
    }

    static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text + "  " : text + String(repeating: " ", count: width - text.count)
    }
}

extension CommandTable {
    /// The command reference as Markdown (docs/language.md embeds it between
    /// `<!-- commands:begin -->` and `<!-- commands:end -->`).
    public func markdownReference() -> String { Help.markdownReference(self) }

    /// What `help NAME` prints for a command, or nil when there is no such command.
    public func helpText(for name: String) -> String? {
        self[name].map { Help.details($0).joined(separator: "\n") }
    }
}

extension SettingTable {
    /// The settings as a Markdown table, for the reference.
    public func markdownReference() -> String {
        var lines = ["### Settings", "", "| setting | type | default | meaning |", "|---|---|---|---|"]
        for name in names {
            guard let setting = definition(name) else { continue }
            lines.append("| `\(name)` | \(setting.type.name) | \(setting.defaultValue) | \(setting.summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
