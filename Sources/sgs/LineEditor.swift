// libedit through its readline API: line editing, arrow-key history and tab completion.
// libedit calls back into plain C function pointers, so the completer is reached
// through one global: there is one line editor per process.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine
import Script

enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: drop what was typed and prompt again.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
}

/// Tab completion for the editor: (line, cursor in Unicode scalars) -> word start and candidates.
nonisolated(unsafe) private var activeCompleter: ((String, Int) -> TabCompletion)?

/// Same break characters as the language's word boundaries, except `/`, `.` and `-`,
/// which belong inside file names.
private let wordBreaks: UnsafePointer<CChar>? = {
    UnsafePointer(strdup(" \t\n\"'`;|&{}()[]=,+*<>!"))
}()

private func completeWord(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    sgs_rl_set_completion_over(1)  // never fall back to libedit's own file names
    guard let completer = activeCompleter, let buffer = sgs_rl_line_buffer() else { return nil }
    let line = String(cString: buffer)
    let completion = completer(line, Int(end))
    let candidates = Completer.aligned(completion, line: line, editorStart: Int(start))
    guard !candidates.isEmpty else { return nil }
    // A lone folder keeps going (nothing after `/`), a lone file closes its string,
    // a lone word gets a space.
    let lone = candidates.count == 1 ? candidates[0] : nil
    let after: Character = lone?.hasSuffix("/") == true ? "\0" : completion.isPath ? "\"" : " "
    sgs_rl_set_append_character(Int32(after.asciiValue ?? 0))
    // readline's contract: [replacement, candidates..., NULL], all malloc'd; libedit frees them.
    let words = [lone ?? Completer.commonPrefix(candidates)] + (lone == nil ? candidates : [])
    guard let matches = malloc((words.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: words.count + 1) else { return nil }
    for (index, word) in words.enumerated() { matches[index] = strdup(word) }
    matches[words.count] = nil
    return matches
}

final class LineEditor {
    private let history: History

    init(history: History, completer: @escaping (String, Int) -> TabCompletion) {
        self.history = history
        setlocale(LC_ALL, "")  // without it libedit drops non-ASCII input
        sgs_rl_set_name("sgs")
        _ = rl_initialize()
        sgs_rl_set_word_break_characters(wordBreaks)
        activeCompleter = completer
        sgs_rl_set_completer(completeWord)
        stifle_history(Int32(History.limit))
        for entry in history.entries { _ = add_history(entry) }
    }

    func readLine(prompt: String) -> LineInput {
        fflush(stdout)
        guard let raw = readline(prompt) else {
            return Interrupt.shared.isRequested ? .interrupted : .end
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    /// Remembers a line for the arrow keys and in the history file.
    func remember(_ line: String) {
        if history.add(line) { _ = add_history(line) }
    }
}
