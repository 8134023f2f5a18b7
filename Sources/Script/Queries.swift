// Small queries on language values, written in function form: `len(list)`.

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
        table.register(Command("type", positional: [Parameter("value", .any)],
                               summary: "the name of a value's type",
                               help: "print type(2x1)") { arguments, _ in
            .string(arguments["value"].typeName)
        })
    }
}
