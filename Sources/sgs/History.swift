// The REPL's history: one entry per line typed, consecutive duplicates dropped, the
// newest 1000 kept, in ${XDG_STATE_HOME:-~/.local/state}/sgs/history. Our own plain
// text file rather than libedit's (`_HiStOrY_V2_`, `\040` for spaces), so it reads
// well and `history` can list it; libedit only gets a copy for the arrow keys.
import Foundation

final class History {
    static let limit = 1000

    let path: String?
    private(set) var entries: [String] = []

    init(path: String?) {
        self.path = path
    }

    /// XDG_STATE_HOME if set and absolute (as the spec asks), else ~/.local/state.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/sgs/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/sgs/history"
    }

    func load() {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { History.unescape(String($0)) }
        entries = []
        for line in lines { append(line) }
    }

    /// Adds a line; false when it is blank or repeats the previous entry.
    @discardableResult
    func add(_ line: String) -> Bool {
        guard append(line) else { return false }
        save()
        return true
    }

    @discardableResult
    private func append(_ line: String) -> Bool {
        guard !line.allSatisfy(\.isWhitespace), line != entries.last else { return false }
        entries.append(line)
        if entries.count > History.limit { entries.removeFirst(entries.count - History.limit) }
        return true
    }

    /// Rewrites the file (a few tens of kilobytes at most); failures are not worth an error.
    func save() {
        guard let path else { return }
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = entries.map(History.escape).joined(separator: "\n") + "\n"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `history` (everything), `history N` (the last N) or `history ?PREFIX` (the entries
    /// starting with PREFIX), numbered from 1 like a shell.
    func listing(last count: Int? = nil, prefix: String? = nil) -> [String] {
        let first = entries.count - min(count ?? entries.count, entries.count)
        let width = String(entries.count).count
        return entries.indices.dropFirst(first).compactMap { index in
            if let prefix, !entries[index].hasPrefix(prefix) { return nil }
            let number = String(index + 1)
            return String(repeating: " ", count: width - number.count) + number + "  " + entries[index]
        }
    }

    /// Entry N as `history` numbers it.
    func entry(_ number: Int) -> String? {
        entries.indices.contains(number - 1) ? entries[number - 1] : nil
    }

    static func escape(_ line: String) -> String {
        line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func unescape(_ line: String) -> String {
        var result = ""
        var escaped = false
        for character in line {
            if escaped {
                result.append(character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
