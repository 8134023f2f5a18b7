// The read-eval-print loop: read a statement (several lines while a block is open),
// hand it to the session, print errors, keep the session's state whatever happens.
import Foundation
import Script

final class REPL {
    static let prompt = "sgs> "
    static let continuationPrompt = "...> "

    private let session: Session
    private let output: TerminalOutput
    private let history: History
    private let editor: LineEditor

    init(session: Session, output: TerminalOutput) {
        self.session = session
        self.output = output
        history = History(path: History.defaultPath())
        history.load()
        editor = LineEditor(history: history) { line, cursor in
            Completer.complete(line, cursor: cursor, session: session)
        }
    }

    func run() -> Int32 {
        session.echo = true
        output.info("sgs \(sgsVersion): single-image GANs. `help` lists the commands, Ctrl-D leaves.")
        var pending: [String] = []
        while true {
            switch editor.readLine(prompt: pending.isEmpty ? REPL.prompt : REPL.continuationPrompt) {
            case .end:
                print()
                if pending.isEmpty { return ExitCode.ok }
                pending = []  // Ctrl-D inside a block abandons the block, not the session
            case .interrupted:
                if Signals.terminationRequested { return Signals.interruptedStatus }
                Interrupt.shared.clear()
                print()
                pending = []
            case .line(let typed):
                var line = REPL.strippingPastedPrompt(typed)
                if pending.isEmpty, let number = REPL.historyReference(line) {
                    guard let entry = history.entry(number) else {
                        output.error("history: no entry \(number) (`history` lists them)")
                        continue
                    }
                    print(entry)  // show what `!N` stands for before it runs, as shells do
                    line = entry
                }
                editor.remember(line)
                if pending.isEmpty && runHistoryCommand(line) { continue }
                pending.append(line)
                let text = pending.joined(separator: "\n")
                guard Session.isComplete(text) else { continue }
                pending = []
                if Signals.terminationRequested { return Signals.interruptedStatus }
                evaluate(text)
                if session.quitRequested { return ExitCode.ok }
                if Signals.terminationRequested { return Signals.interruptedStatus }
            }
        }
    }

    private func evaluate(_ text: String) {
        Signals.commandStarted()
        defer { Signals.commandFinished() }
        do {
            try session.run(source: text, name: "<stdin>", directory: FileManager.default.currentDirectoryPath)
        } catch {
            output.report(error)
        }
        fflush(stdout)
    }

    /// `history` lists every entry, `history N` the last N, `history ?PREFIX` those
    /// starting with PREFIX. Handled here, before the session, because the history
    /// belongs to the REPL, not to scripts.
    private func runHistoryCommand(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.first == "history", words.count <= 2 else { return false }
        var lines = history.listing()
        if words.count == 2 {
            if words[1].hasPrefix("?") {
                lines = history.listing(prefix: String(words[1].dropFirst()))
            } else if let number = Int(words[1]), number >= 0 {
                lines = history.listing(last: number)
            } else {
                return false
            }
        }
        for entry in lines { output.print(entry) }
        return true
    }

    /// `!N`: the number of a history entry to run again.
    static func historyReference(_ line: String) -> Int? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("!"), trimmed.count > 1 else { return nil }
        return Int(trimmed.dropFirst()).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Lines pasted from a transcript keep their prompt: drop it (as Julia does).
    static func strippingPastedPrompt(_ line: String) -> String {
        for prompt in [prompt, continuationPrompt] where line.hasPrefix(prompt) {
            return String(line.dropFirst(prompt.count))
        }
        return line
    }
}
