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
        registerHistoryCommand()
    }

    /// `history` is in the command table (help, completion and the check know it),
    /// registered by the REPL because the history belongs to the REPL, not to scripts.
    private func registerHistoryCommand() {
        session.table.register(Command("history",
            positional: [Parameter("count", .int, default: .none, "list only the last N entries")],
            keywords: [Parameter("matching", .string, default: .none, "list only the entries starting with TEXT")],
            summary: "list the REPL's earlier entries, numbered (!N runs entry N again)",
            help: "history\nhistory 20\nhistory matching \"train\"\n!12\n\n`history ?PREFIX` is short for "
                + "`history matching \"PREFIX\"`. A statement typed over several lines is one entry. The history "
                + "is kept in ${XDG_STATE_HOME:-~/.local/state}/sgs/history (the newest 1000 entries).",
            recorded: false) { [history, output] arguments, _ in
            let count = arguments.int("count")
            if let count, count < 0 {
                throw ScriptError(.runtime, "'history' needs a count >= 0, got \(count)", at: arguments.location(of: "count"))
            }
            history.listing(last: count, prefix: arguments.string("matching")).forEach(output.print)
            return .none
        })
    }

    func run() -> Int32 {
        session.echo = true
        output.info("sgs \(sgsVersion): single-image GANs. `help` lists the commands, `tutorial` is a guided tour, "
                    + "Ctrl-D or exit leaves.")
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
                if pending.isEmpty && runHistoryShortcut(line) {
                    editor.remember(line)
                    continue
                }
                pending.append(line)
                let text = pending.joined(separator: "\n")
                guard Session.isComplete(text) else { continue }
                editor.remember(text)  // a statement over several lines is one entry
                pending = []
                if Signals.terminationRequested { return Signals.interruptedStatus }
                evaluate(text)
                if session.quitRequested { return session.exitStatus }
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
        fflush(nil)
    }

    /// `history ?PREFIX`, which does not parse as a statement (`?` starts help).
    private func runHistoryShortcut(_ line: String) -> Bool {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, words[0] == "history", words[1].hasPrefix("?") else { return false }
        history.listing(prefix: String(words[1].dropFirst())).forEach(output.print)
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
