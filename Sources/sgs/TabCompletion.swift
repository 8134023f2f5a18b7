// Tab completion: the session knows what may come next (commands, keywords of the
// command being typed, variables, settings, or a file name with wanted extensions);
// this adds the REPL's own words and lists the files.
import Foundation
import Script

struct TabCompletion: Equatable {
    /// Offset, in Unicode scalars as libedit counts, where the word being replaced starts.
    var start: Int
    var candidates: [String]
    /// The word is a file name inside a string: a finished one closes the quote.
    var isPath = false
}

enum Completer {
    /// Words the REPL handles before the session sees the line.
    static let replWords = ["history"]

    /// `cursor` counts Unicode scalars of `line` (libedit's wide characters).
    static func complete(_ line: String, cursor: Int, session: Session) -> TabCompletion {
        let before = String(String.UnicodeScalarView(line.unicodeScalars.prefix(cursor)))
        let completion = session.completions(for: before, cursor: before.count)
        let head = String(before.prefix(completion.wordStart))
        let word = String(before.dropFirst(completion.wordStart))
        var candidates = completion.candidates
        if completion.wantsPath {
            candidates = paths(matching: word, extensions: completion.extensions)
        } else if head.allSatisfy(\.isWhitespace) {
            candidates = Array(Set(candidates + replWords.filter { $0.hasPrefix(word) })).sorted()
        }
        return TabCompletion(start: head.unicodeScalars.count, candidates: candidates, isPath: completion.wantsPath)
    }

    /// Files and folders starting with `typed` (which may hold a folder part and `~/`);
    /// files only with one of `extensions` (any file when empty); hidden ones only
    /// when asked for with a leading dot. Folders end with `/` so completion can go on.
    static func paths(matching typed: String, extensions: [String]) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        var folder = folderPart.isEmpty ? "." : folderPart
        if folder.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            folder = home + folder.dropFirst()
        }
        let wanted = Set(extensions.map { $0.lowercased() })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var result: [String] = []
        for name in names.sorted() where name.hasPrefix(namePrefix) {
            if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            if isFolder.boolValue {
                result.append(folderPart + name + "/")
            } else if wanted.isEmpty || wanted.contains((name as NSString).pathExtension.lowercased()) {
                result.append(folderPart + name)
            }
        }
        return result
    }

    /// The candidates re-cut to replace libedit's word, which starts at `editorStart`
    /// (its word-break characters need not agree with the language's).
    static func aligned(_ completion: TabCompletion, line: String, editorStart: Int) -> [String] {
        let scalars = Array(line.unicodeScalars)
        if editorStart < completion.start {
            let lower = max(0, editorStart), upper = min(completion.start, scalars.count)
            guard lower <= upper else { return completion.candidates }
            var extra = String.UnicodeScalarView()
            extra.append(contentsOf: scalars[lower..<upper])
            // libedit took in a closed string or spaces: nothing sensible to offer.
            if extra.contains(where: { $0 == "\"" || $0 == " " || $0 == "\t" }) { return [] }
            return completion.candidates.map { String(extra) + $0 }
        }
        let surplus = editorStart - completion.start
        return completion.candidates.compactMap { candidate in
            let candidateScalars = Array(candidate.unicodeScalars)
            guard surplus <= candidateScalars.count else { return nil }
            var rest = String.UnicodeScalarView()
            rest.append(contentsOf: candidateScalars[surplus...])
            return String(rest)
        }
    }

    /// What libedit puts in place of the word: the longest common prefix.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for word in words.dropFirst() {
            let scalars = Array(word.unicodeScalars)
            var count = 0
            while count < prefix.count, count < scalars.count, prefix[count] == scalars[count] { count += 1 }
            prefix.removeLast(prefix.count - count)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: prefix)
        return String(view)
    }
}
