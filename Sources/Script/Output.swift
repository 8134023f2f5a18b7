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
        // write(2), not fputs(stderr): the C global is not concurrency-safe in Swift 6.
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
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
