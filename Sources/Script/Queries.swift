// Small queries on language values, written in function form: `len(list)`.
import Foundation

extension Interpreter {
    func registerQueries() {
        table.register(Command("len", positional: [Parameter("value", .any, "a list or string")],
                               summary: "the number of items in a list or characters in a string",
                               help: "print len([1, 2, 3])") { arguments, _ in
            switch arguments["value"] {
            case .list(let items): return .number(Double(items.count))
            case .string(let text): return .number(Double(text.count))
            case let other:
                throw ScriptError(.runtime, "'len' expects a list or a string, got \(other.typeWithArticle)",
                                  at: arguments.location(of: "value"))
            }
        })
        table.register(Command("size", positional: [Parameter("width", .number), Parameter("height", .number)],
                               summary: "a size from two numbers",
                               help: "let s = size(2 * 125, 188)\n\nLiterals like `250x188` need no call.") { arguments, _ in
            guard case .number(let width) = arguments["width"], case .number(let height) = arguments["height"] else {
                return .none
            }
            return .size(width, height)
        })
        table.register(Command("number", positional: [Parameter("value", .any, "a string such as an argument, or a number")],
                               summary: "a number from a string (script arguments are strings)",
                               help: "let iterations = number(args[0])\n\n`sgs f.sgs 5` gives `args[0]` = \"5\", a string; "
                                   + "number(\"5\") is 5. A number is returned as it is.") { arguments, _ in
            switch arguments["value"] {
            case .number(let x): return .number(x)
            case .string(let text):
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                guard let x = Double(trimmed), x.isFinite else {
                    throw ScriptError(.runtime, "'number' cannot read \(Value.string(text)) as a number",
                                      at: arguments.location(of: "value"))
                }
                return .number(x)
            case let other:
                throw ScriptError(.runtime, "'number' expects a string or a number, got \(other.typeWithArticle)",
                                  at: arguments.location(of: "value"))
            }
        })
        table.register(Command("type", positional: [Parameter("value", .any)],
                               summary: "the name of a value's type",
                               help: "print type(2x1)") { arguments, _ in
            .string(arguments["value"].typeName)
        })
    }
}
