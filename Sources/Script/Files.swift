// Files: `use` and `run` of scripts (searched in the current file's folder, then
// the search path, then the working directory), and writing `record` transcripts.
import Foundation

extension Interpreter {
    /// Runs the script at `path` once, as `use` would: how a host loads its standard
    /// library (errors name `<library>` as the place that asked).
    public func use(path: String) throws {
        let origin = Source(name: "<library>", text: "", directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        try runFile(path, once: true, at: SourceLocation(source: origin, line: 1, column: 1, length: 1, offset: 0))
    }

    /// Runs a script file; `once` skips files already run by `use`.
    func runFile(_ name: String, once: Bool, at location: SourceLocation) throws {
        let path = try resolveScript(name, at: location)
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        if once && usedFiles.contains(key) { return }
        // Marked before running so files that use each other stop; unmarked on
        // failure so a fixed file can be used again in the same REPL session.
        usedFiles.insert(key)
        do {
            try runStatements(of: path, at: location)
        } catch {
            usedFiles.remove(key)
            throw error
        }
    }

    private func runStatements(of path: String, at location: SourceLocation) throws {
        let source = Source(name: path, text: try readText(path, at: location),
                            directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let statements = try Parser.parse(source)
        // Checked whole before it runs, as a script is (its name may have been computed).
        var checker = Checker(interpreter: self)
        try checker.check(statements)
        try enterCall(at: location)
        sourceStack.append(source)
        defer {
            callDepth -= 1
            sourceStack.removeLast()
        }
        for statement in statements {
            try interrupt.check()
            if case .returned = try execute(statement, in: globals) {
                throw ScriptError(.runtime, "'return' outside a def", at: statement.location)
            }
        }
    }

    /// The first existing file among the folders searched, with `.sgs` added if missing.
    func resolveScript(_ name: String, at location: SourceLocation) throws -> String {
        let names = name.hasSuffix(".sgs") ? [name] : [name, name + ".sgs"]
        if name.hasPrefix("/") {
            if let found = names.first(where: { FileManager.default.fileExists(atPath: $0) }) { return found }
            throw ScriptError(.io, "cannot find '\(name)'", at: location)
        }
        let folders = [location.source.directory, sourceStack.last?.directory].compactMap { $0 } + searchPaths + ["."]
        for folder in folders {
            for candidate in names {
                let path = folder == "." ? candidate : folder + "/" + candidate
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return path
                }
            }
        }
        let unique = folders.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        throw ScriptError(.io, "cannot find '\(name)' (looked in \(unique.joined(separator: ", ")))", at: location)
    }

    func readText(_ path: String, at location: SourceLocation) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError(.io, "cannot read '\(path)'", at: location)
        }
        return String(decoding: data, as: UTF8.self)
    }

    func writeText(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ScriptError.io("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
