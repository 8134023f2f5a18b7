// Errors the language reports. They are ordinary Swift errors carrying a location,
// never traps: a script stops at its first one, the REPL prints it and carries on.

public struct ScriptError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The text does not parse (exit status 65).
        case syntax
        /// A statement failed while running (exit status 70).
        case runtime
        /// A file could not be read or written (exit status 74).
        case io
        /// The user pressed Ctrl-C (exit status 130).
        case interrupted
    }

    public let kind: Kind
    public let message: String
    /// Where it happened; host commands may throw without one and the
    /// interpreter fills in the command's location.
    public internal(set) var location: SourceLocation?
    /// A second place worth knowing, printed after the caret: `FILE:L:C: note: ...`.
    public internal(set) var note: String?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// A runtime error from a host command: `throw ScriptError.runtime("no current model")`.
    public static func runtime(_ message: String) -> ScriptError { ScriptError(.runtime, message) }
    public static func io(_ message: String) -> ScriptError { ScriptError(.io, message) }
    public static var interrupted: ScriptError { ScriptError(.interrupted, "interrupted") }

    /// The process exit status a non-interactive run ends with (sysexits, as clox).
    public var exitCode: Int32 {
        switch kind {
        case .syntax: return 65
        case .runtime: return 70
        case .io: return 74
        case .interrupted: return 130
        }
    }

    /// `file:line:col: error: message`, the source line, and a caret under the spot.
    public var rendered: String {
        guard let location else { return "error: \(message)" }
        let text = location.source.line(location.line)
        return "\(location.description): error: \(message)\n\(text)\n\(caret(under: text, at: location))"
            + (note.map { "\n" + $0 } ?? "")
    }

    /// The same with ANSI colour, for terminals (not with NO_COLOR or TERM=dumb).
    public func rendered(color: Bool) -> String {
        guard color, let location else { return rendered }
        let text = location.source.line(location.line)
        return "\u{1B}[1m\(location.description): \u{1B}[31merror:\u{1B}[0;1m \(message)\u{1B}[0m\n"
            + "\(text)\n\u{1B}[32m\(caret(under: text, at: location))\u{1B}[0m" + (note.map { "\n" + $0 } ?? "")
    }

    public var description: String { rendered }

    /// `^~~~` under the token; tabs are kept so the caret lines up in a terminal.
    private func caret(under text: String, at location: SourceLocation) -> String {
        let prefix = text.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " }
        let available = max(1, min(location.length, text.count - (location.column - 1)))
        return prefix.joined() + "^" + String(repeating: "~", count: available - 1)
    }

    /// The same error reported at `call` (the user's line), where it was raised kept as a
    /// note: an error inside a standard-library command is the caller's to fix.
    func reported(at call: SourceLocation, in command: String) -> ScriptError {
        guard let location else { return located(at: call) }
        var copy = self
        copy.location = call
        copy.note = note ?? "\(location.description): note: raised here, in the standard library's '\(command)'"
        return copy
    }

    /// Attaches a location unless the error already has one.
    func located(at location: SourceLocation) -> ScriptError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }
}

/// Wraps any error a host command throws into a located ScriptError.
func scriptError(from error: Error, at location: SourceLocation) -> ScriptError {
    if let error = error as? ScriptError { return error.located(at: location) }
    return ScriptError(.runtime, "\(error)", at: location)
}
