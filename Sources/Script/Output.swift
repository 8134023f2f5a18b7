// Where the language writes: results to one channel, diagnostics to another.
// Tests capture both; the REPL may colour them.
import Glibc

public protocol OutputSink: AnyObject {
    /// A line of normal output (`print`, `help`, echoed results); no trailing newline.
    func print(_ line: String)
    /// A rendered diagnostic or warning; no trailing newline.
    func error(_ text: String)
    /// A notice that is not a result (`recorded 6 statements`), which `--quiet` may drop.
    func info(_ line: String)
}

extension OutputSink {
    public func info(_ line: String) { print(line) }
}

/// Standard output and standard error.
public final class StandardOutput: OutputSink {
    public init() {}

    public func print(_ line: String) {
        Swift.print(line)
    }

    public func error(_ text: String) {
        fputs(text + "\n", stderr)
    }
}

/// Keeps every line, for tests and for hosts that post-process output.
public final class CapturedOutput: OutputSink {
    public private(set) var lines: [String] = []
    public private(set) var errors: [String] = []

    public init() {}

    public func print(_ line: String) {
        lines.append(contentsOf: line.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    public func error(_ text: String) { errors.append(text) }
}
