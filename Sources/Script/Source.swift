// A piece of source text and places in it. Diagnostics and `record` both need
// the original characters, so every location keeps a reference to its source.

/// One script, REPL entry or file, as the interpreter saw it.
public final class Source: Sendable {
    /// What diagnostics call it: a file path, `<stdin>`, `-c`.
    public let name: String
    public let text: String
    /// Characters, so columns count what the user sees rather than UTF-8 bytes.
    let chars: [Character]
    /// Directory used to resolve `use`/`run` relative to this file (nil for the REPL).
    public let directory: String?

    public init(name: String, text: String, directory: String? = nil) {
        self.name = name
        self.text = text
        self.chars = Array(text)
        self.directory = directory
    }

    /// The text of a 1-based line, without its newline. Split on each call (diagnostics
    /// are rare), so a source stays immutable and Sendable.
    func line(_ number: Int) -> String {
        let lines = chars.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return number >= 1 && number <= lines.count ? String(lines[number - 1]) : ""
    }

    /// The source text between two character offsets.
    func slice(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, chars.count))
        let upper = max(lower, min(range.upperBound, chars.count))
        return String(chars[lower..<upper])
    }
}

/// A spot in a source: where a diagnostic's caret goes.
public struct SourceLocation: Sendable {
    public let source: Source
    public let line: Int
    public let column: Int
    /// How many characters the caret underlines (at least one).
    public let length: Int
    /// Offset of the first character, for slicing statements out of the source.
    let offset: Int

    init(source: Source, line: Int, column: Int, length: Int, offset: Int) {
        self.source = source
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.offset = offset
    }

    /// `file:line:col`, the prefix of every diagnostic.
    public var description: String { "\(source.name):\(line):\(column)" }
}
