// Pictures in the terminal, for `show`: the kitty graphics protocol (kitty reads the
// PNG file itself) or iTerm2's inline images (iTerm2, WezTerm; the bytes travel in the
// escape sequence). Other terminals get nothing: the command prints the path anyway.
import Glibc
import Foundation

enum InlineImage {
    enum Kind: Equatable {
        case kitty
        case iTerm
    }

    /// Which protocol this terminal speaks, if any. Not inside tmux or screen, which
    /// would swallow or mangle the sequences.
    static func kind(environment: [String: String] = ProcessInfo.processInfo.environment) -> Kind? {
        if environment["TMUX"] != nil || environment["TERM"]?.hasPrefix("screen") == true { return nil }
        if environment["TERM"] == "xterm-kitty" || environment["KITTY_WINDOW_ID"] != nil { return .kitty }
        if let program = environment["TERM_PROGRAM"], program == "iTerm.app" || program == "WezTerm" { return .iTerm }
        return nil
    }

    /// Transmit-and-display a PNG file by its absolute path; `q=2` keeps kitty from
    /// answering on standard input, where the answer would land in the line editor.
    static func kittySequence(path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return "\u{1B}_Ga=T,f=100,t=f,q=2;" + Data(absolute.utf8).base64EncodedString() + "\u{1B}\\"
    }

    static func iTermSequence(data: Data) -> String {
        "\u{1B}]1337;File=inline=1;size=\(data.count):" + data.base64EncodedString() + "\u{07}"
    }

    /// The sequence showing the PNG at `path` in a terminal of this kind (nil: unreadable file).
    static func sequence(path: String, kind: Kind) -> String? {
        switch kind {
        case .kitty:
            return FileManager.default.isReadableFile(atPath: path) ? kittySequence(path: path) : nil
        case .iTerm:
            return FileManager.default.contents(atPath: path).map(iTermSequence(data:))
        }
    }

    /// Shows the PNG on standard output when that is a terminal that can; says whether it did.
    @discardableResult
    static func display(path: String) -> Bool {
        guard Terminal.isTerminal(STDOUT_FILENO), let kind = kind(),
              let sequence = sequence(path: path, kind: kind) else { return false }
        fflush(nil)
        Terminal.emit(sequence + "\n", to: STDOUT_FILENO)
        return true
    }
}
