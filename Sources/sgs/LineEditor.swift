// libedit through its readline API: line editing, arrow-key history and tab completion.
// libedit calls back into plain C function pointers, so the completer is reached
// through one global: there is one line editor per process.
import Glibc
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
// nonisolated(unsafe): set by the REPL and called by libedit from inside readline, both
// on the main thread; no other thread edits lines.
nonisolated(unsafe) private var activeCompleter: ((String, Int) -> TabCompletion)?

/// Same break characters as the language's word boundaries, except `/`, `.` and `-`,
/// which belong inside file names. nonisolated(unsafe): a pointer to characters that
/// nothing writes after this initialiser; libedit only reads them.
nonisolated(unsafe) private let wordBreaks: UnsafePointer<CChar>? = {
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
    // readline's contract: [replacement, candidates..., NULL], all malloc'd; libedit frees
    // them. libedit also reads matches[2] to spot a single match, so one more NULL.
    let words = [lone ?? Completer.commonPrefix(candidates)] + (lone == nil ? candidates : [])
    let slots = words.count + 2
    guard let matches = calloc(slots, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: slots) else { return nil }
    for (index, word) in words.enumerated() { matches[index] = strdup(word) }
    return matches
}

/// libedit's own reader retries a read that Ctrl-C interrupted, and SIGINT may land on
/// any thread, leaving the main thread's read() untouched: so the REPL reads the keys
/// itself, waking every tenth of a second to look at the interrupt flag. One character
/// per call, as a Unicode scalar (libedit stores the int as a wide character); -1 ends
/// the line, for Ctrl-C (the flag is set) or at the end of input.
private func readCharacter(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    let descriptor = stream.map(fileno) ?? STDIN_FILENO
    func byte(interruptible: Bool) -> UInt8? {
        var value: UInt8 = 0
        while true {
            if interruptible {
                if Interrupt.shared.isRequested { return nil }
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, 100)
                if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            }
            let count = read(descriptor, &value, 1)
            if count == 1 { return value }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return nil
        }
    }
    guard let first = byte(interruptible: true) else { return -1 }
    let length = first < 0x80 ? 1 : first >> 5 == 0b110 ? 2 : first >> 4 == 0b1110 ? 3 : first >> 3 == 0b11110 ? 4 : 0
    guard length > 1 else { return length == 1 ? Int32(first) : 0xFFFD }
    var scalar = UInt32(first) & (0x7F >> UInt32(length))
    for _ in 1..<length {
        guard let next = byte(interruptible: false) else { return -1 }
        guard next >> 6 == 0b10 else { return 0xFFFD }
        scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    return Unicode.Scalar(scalar) != nil ? Int32(scalar) : 0xFFFD
}

final class LineEditor {
    private let history: History

    init(history: History, completer: @escaping (String, Int) -> TabCompletion) {
        self.history = history
        setlocale(LC_ALL, "")  // without it libedit drops non-ASCII input
        sgs_rl_set_name("sgs")
        sgs_rl_set_catch_signals(0)  // Signals.swift owns SIGINT
        sgs_rl_set_getc(readCharacter)
        _ = rl_initialize()
        sgs_rl_set_word_break_characters(wordBreaks)
        activeCompleter = completer
        sgs_rl_set_completer(completeWord)
        stifle_history(Int32(History.limit))
        for entry in history.entries { _ = add_history(entry) }
    }

    func readLine(prompt: String) -> LineInput {
        fflush(nil)
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
