// What `record` writes: the session's successful statements as typed, after the
// settings and seed that were in force before the first of them.

extension Interpreter {
    /// Adds a statement the host ran on the user's behalf (a seed it chose) to the transcript.
    public func record(_ statement: String) { transcript.append(statement) }
}

struct Transcript {
    /// Settings at the first recorded statement (the command line may have set some).
    private var prelude: [String]?
    private var statements: [String] = []

    /// Called before each top-level statement runs, so the prelude sees the settings
    /// the host set up before the session started.
    mutating func begin(settings: SettingTable) {
        guard prelude == nil else { return }
        prelude = settings.changed().compactMap { name, value in
            guard let text = value.sourceText else { return nil }
            return name == "seed" ? "seed \(text)" : "set \(name) \(text)"
        }
    }

    mutating func append(_ statement: String) { statements.append(statement) }

    /// Statements recorded, the settings prelude included.
    var count: Int { (prelude?.count ?? 0) + statements.count }

    var text: String {
        var lines = ["# recorded by sgs: the statements of a session that succeeded"]
        lines += prelude ?? []
        lines += statements
        return lines.joined(separator: "\n") + "\n"
    }
}
