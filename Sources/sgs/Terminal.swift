// What the process is attached to, and the output sink that respects it: colour only
// on a terminal and never with NO_COLOR or TERM=dumb; `--quiet` drops notices.
import Glibc
import Script

enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    /// Writes `text` to standard error, unbuffered, after flushing standard output so the
    /// two keep their order. write(2) and fflush(nil) because Swift 6 refuses to read the C
    /// globals `stdout` and `stderr` (mutable, so not concurrency-safe).
    static func writeError(_ text: String) {
        fflush(nil)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// no-color.org: any non-empty NO_COLOR turns colour off; so does a dumb terminal.
    static func wantsColor(on descriptor: Int32) -> Bool {
        guard isTerminal(descriptor) else { return false }
        if let noColor = environment("NO_COLOR"), !noColor.isEmpty { return false }
        return environment("TERM") != "dumb"
    }

    /// The width help is wrapped to: $COLUMNS, else the terminal's width when standard
    /// output is one, else 80 (a pipe or a file).
    static func columns() -> Int {
        if let text = environment("COLUMNS"), let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if isTerminal(STDOUT_FILENO), ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// Writes bytes straight to a descriptor (progress and images bypass stdio buffering).
    static func emit(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if !(written < 0 && errno == EINTR) {
                    return
                }
            }
        }
    }
}

/// Standard output and error, coloured where allowed, sharing the terminal with the
/// progress line (which any other output first ends).
final class TerminalOutput: OutputSink {
    let color: Bool
    let quiet: Bool
    /// Training progress on standard error; `--quiet` shows none.
    let progress = ProgressDisplay()

    init(color: Bool, quiet: Bool) {
        self.color = color
        self.quiet = quiet
    }

    /// Flushed line by line even into a pipe: `sgs train.sgs | tee log` shows results
    /// as they happen, and they are few.
    func print(_ line: String) {
        progress.finish()
        Swift.print(line)
        fflush(nil)
    }

    /// Notices (`seed 8289 ...`, `wrote x.png`) go to standard error, so standard output
    /// carries only what the script prints: `sgs f.sgs > out.txt` gets just the results.
    func info(_ line: String) {
        if !quiet { error(line) }
    }

    func error(_ text: String) {
        progress.finish()
        Terminal.writeError(text + "\n")  // after standard output: the order the user saw
    }

    /// A diagnostic, coloured when stderr is a colour terminal.
    func report(_ error: Error) {
        if let error = error as? ScriptError, error.kind == .interrupted {
            self.error(error.message)  // not a mistake: no caret, no colour
        } else if let error = error as? ScriptError {
            self.error(error.rendered(color: color))
        } else {
            self.error("error: \(error)")
        }
    }
}
