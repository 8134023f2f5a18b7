// `def`: commands written in the language. They go into the same table as the
// built-ins, so help, completion and argument checking treat them alike.
import Foundation

extension Interpreter {
    func define(_ definition: Definition) throws {
        if let existing = table[definition.name], !existing.isUserDefined {
            throw ScriptError(.runtime, "cannot redefine the built-in command '\(definition.name)'",
                              at: definition.nameLocation)
        }
        table.register(command(for: definition))
    }

    /// The table entry a def makes (the checker plans calls of defs not yet run with it).
    func command(for definition: Definition) -> Command {
        let positional = definition.parameters.map { Parameter($0, .any) }
        let keywords = definition.keywords.map { keyword in
            Parameter(name: keyword.name, type: isBoolLiteral(keyword.defaultValue) ? .bool : .any, defaultValue: nil,
                      defaultText: keyword.text, summary: "", isVariadic: false)
        }
        // The doc comment's first line is the summary; the rest is the help, example first.
        let lines = definition.docComment.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let summary = lines.first.flatMap { $0.isEmpty ? nil : $0 } ?? "defined in \(fileName(definition.nameLocation.source.name))"
        let rest = lines.dropFirst().drop { $0.isEmpty }.joined(separator: "\n")
        let help = rest.isEmpty ? definition.signatureText : rest
        var command = Command(definition.name, positional: positional, keywords: keywords, summary: summary,
                              help: help, topic: "defined") { arguments, interpreter in
            do {
                return try interpreter.run(definition, with: arguments)
            } catch let error as ScriptError where interpreter.isLibrary(definition.nameLocation.source)
                        && error.kind != .interrupted && !interpreter.isLibrary(arguments.location.source) {
                throw error.reported(at: arguments.location, in: definition.name)
            }
        }
        command.isUserDefined = true
        return command
    }

    /// Runs a def body in a scope of its own whose parent is the globals:
    /// keyword defaults are evaluated at each call, so `at=n-2` follows the model.
    private func run(_ definition: Definition, with arguments: Arguments) throws -> Value {
        let scope = Environment(parent: globals)
        for name in definition.parameters {
            scope.define(name, arguments[name])
        }
        for keyword in definition.keywords {
            if arguments.isGiven(keyword.name) {
                scope.define(keyword.name, arguments[keyword.name])
            } else {
                scope.define(keyword.name, try evaluate(keyword.defaultValue, in: scope))
            }
        }
        switch try execute(definition.body, in: scope) {
        case .returned(let value): return value
        case .value: return .none
        }
    }

    /// Whether a source is a file of the standard library (a folder on the search path).
    func isLibrary(_ source: Source) -> Bool {
        guard let directory = source.directory else { return false }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        return searchPaths.contains { URL(fileURLWithPath: $0).standardizedFileURL.path == folder }
    }

    private func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private func isBoolLiteral(_ expression: Expr) -> Bool {
        if case .literal(.bool, _) = expression { return true }
        return false
    }
}
