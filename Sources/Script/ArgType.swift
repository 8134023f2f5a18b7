// Parameter types: what the command table checks arguments against.

public enum ArgType: Equatable, Sendable {
    case number
    /// A whole number.
    case int
    case string
    case bool
    case size
    case list
    case any
    /// A scale index, a whole number >= 0 (`n-2`); scale 0 is the finest.
    case scale
    /// A bare word taken literally, not looked up: `set iters 100`, `help train`.
    case word
    /// A file name; the extensions (without dots) filter tab completion.
    case path([String])
    /// A host value type by name: "image", "model", "noise", "frames".
    case host(String)
    /// Any of several types, tried in order: `.oneOf([.image, .host("frames")])`.
    indirect case oneOf([ArgType])

    public static let image = ArgType.host("image")
    public static let model = ArgType.host("model")

    /// "an image", "a number": what an error says was expected.
    public var expected: String {
        switch self {
        case .number: return "a number"
        case .int: return "a whole number"
        case .string, .word: return "a string"
        case .bool: return "a bool"
        case .size: return "a size"
        case .list: return "a list"
        case .any: return "a value"
        case .scale: return "a scale (a whole number >= 0)"
        case .path: return "a file name"
        case .host(let name): return withArticle(name)
        case .oneOf(let types): return types.map(\.expected).joined(separator: " or ")
        }
    }

    /// Short name for help tables.
    public var name: String {
        switch self {
        case .host(let name): return name
        case .path(let extensions): return extensions.isEmpty ? "path" : "path (." + extensions.joined(separator: ", .") + ")"
        case .oneOf(let types): return types.map(\.name).joined(separator: " or ")
        default: return "\(self)"
        }
    }

    /// The placeholder a synopsis shows for a value of this type: `at K`, `into FILE`.
    var placeholder: String {
        switch self {
        case .number: return "X"
        case .int: return "N"
        case .string, .word: return "TEXT"
        case .bool: return "BOOL"
        case .size: return "WxH"
        case .list: return "LIST"
        case .any: return "VALUE"
        case .scale: return "K"
        case .path: return "FILE"
        case .host(let name): return name == "image" ? "IMG" : name == "model" ? "M" : name.uppercased()
        case .oneOf(let types): return types.first?.placeholder ?? "VALUE"
        }
    }

    /// The extensions when the type is (or includes) a file name, for completion.
    var pathExtensions: [String]? {
        switch self {
        case .path(let extensions): return extensions
        case .oneOf(let types): return types.lazy.compactMap(\.pathExtensions).first
        default: return nil
        }
    }

    /// The value if it fits this type, else nil.
    func accepts(_ value: Value) -> Value? {
        switch (self, value) {
        case (.any, _): return value
        case (.number, .number), (.string, .string), (.word, .string), (.path, .string),
             (.bool, .bool), (.size, .size), (.size, .geometry), (.list, .list):
            return value
        case (.int, .number(let x)) where x == x.rounded() && abs(x) < 1e15:
            return value
        case (.scale, .number(let x)) where x == x.rounded() && x >= 0 && x < 1e9:
            return value
        case (.host(let name), .host(let host)) where host.typeName == name:
            return value
        case (.oneOf(let types), _):
            return types.lazy.compactMap { $0.accepts(value) }.first
        default:
            return nil
        }
    }
}
