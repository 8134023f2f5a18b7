// Values, and how they print. Images, models, noise and frames belong to the host
// (the SinGAN layer); the language only needs their type name and a one-line summary.

/// A value owned by the host: `image`, `model`, `noise`, `frames`, ...
public protocol HostValue: AnyObject {
    /// The type name used in messages and type checks: "image", "model".
    var typeName: String { get }
    /// One line for `print`: `image 250x188`.
    var summary: String { get }
}

/// A host value that is a sequence, like frames: `v[i]`, `v[a..b]` and `+` work on it
/// as on lists.
public protocol HostSequence: HostValue {
    var count: Int { get }
    /// Item `index`, already checked to be in range.
    func item(at index: Int) -> Value
    /// Items `range` (checked to be in range) as a value of the same kind.
    func slice(_ range: Range<Int>) -> Value
    /// `left + right` where one of them is `self`; nil when the other cannot join it.
    func joined(_ left: Value, _ right: Value) throws -> Value?
}

public enum Value {
    case number(Double)
    case string(String)
    case bool(Bool)
    /// Width x height: pixels (`250x188`) or factors (`2x1`).
    case size(Double, Double)
    /// ImageMagick geometry other than a plain WxH: `50%`, `64x`, `x48`, `64x48!`, `64x48+10+5`.
    case geometry(Geometry)
    case list([Value])
    case none
    case host(HostValue)

    /// The type's name in messages: "number", "image".
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .string: return "string"
        case .bool: return "bool"
        case .size, .geometry: return "size"
        case .list: return "list"
        case .none: return "none"
        case .host(let value): return value.typeName
        }
    }

    /// "a number", "an image": how messages say what was given.
    public var typeWithArticle: String {
        if case .none = self { return "none" }
        return withArticle(typeName)
    }

    /// What `print` shows: strings bare, everything else as in `description`.
    public var printed: String {
        if case .string(let text) = self { return text }
        return description
    }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

extension Value {
    static let maximumNesting = 100
    /// The longest string (in UTF-8 bytes) and the most values a list may hold (nested
    /// lists' values included) a script may build: far beyond any real use, small enough
    /// that doubling in a loop ends in an error, not in swap.
    static let maximumStringLength = 1 << 24
    static let maximumListValues = 1 << 22

    /// `text` as a value, or an error when it is longer than `maximumStringLength` bytes.
    static func string(_ text: String, checkedAt location: SourceLocation) throws -> Value {
        guard text.utf8.count <= maximumStringLength else { throw tooLong("string", "bytes", at: location) }
        return .string(text)
    }

    /// `items` as a list value, or an error when it holds more than `maximumListValues` values
    /// in all or nests deeper than `maximumNesting`. Values are printed, compared and freed
    /// recursively, and `[l, l]` shares `l`: counting nested values as often as they appear
    /// keeps all of that bounded (doubling `l = [l, l]` stops at 2^22 values, not 2^100).
    static func list(_ items: [Value], checkedAt location: SourceLocation) throws -> Value {
        let list = Value.list(items)
        let total = list.totalCount(limit: maximumListValues)
        guard total <= maximumListValues else { throw tooLong("list", "values in all", at: location) }
        guard list.nestingDepth(limit: maximumNesting) <= maximumNesting else {
            throw ScriptError(.runtime, "lists nested too deeply (more than \(maximumNesting) levels)", at: location)
        }
        return list
    }

    /// How many values a list holds, nested lists' values included, counting no further
    /// than just past `limit` (so a list sharing one sublist many times is not walked in full).
    func totalCount(limit: Int) -> Int {
        guard case .list(let items) = self else { return 1 }
        var total = items.count
        for item in items where total <= limit {
            if case .list = item { total += item.totalCount(limit: limit - total) }
        }
        return total
    }

    static func tooLong(_ what: String, _ unit: String, at location: SourceLocation) -> ScriptError {
        let limit = what == "string" ? maximumStringLength : maximumListValues
        return ScriptError(.runtime, "\(what) too long: more than \(limit) \(unit)", at: location)
    }

    /// How many lists deep the value goes, counting no further than just past `limit`.
    func nestingDepth(limit: Int) -> Int {
        guard case .list(let items) = self else { return 0 }
        guard limit >= 0 else { return 1 }
        return 1 + (items.map { $0.nestingDepth(limit: limit - 1) }.max() ?? 0)
    }
}

/// "an image", "a model".
extension Value {
    /// The number, when this is one.
    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The number as an Int, when it is a finite number of sane size.
    public var int: Int? {
        guard let x = number, x.isFinite, abs(x) < 1e15 else { return nil }
        return Int(x)
    }
}

func withArticle(_ noun: String) -> String {
    guard let first = noun.first else { return noun }
    return ("aeiou".contains(first) ? "an " : "a ") + noun
}

extension Value: CustomStringConvertible {
    /// One line for any value; strings inside lists are quoted.
    public var description: String {
        switch self {
        case .number(let value): return formatNumber(value)
        case .string(let text): return quoted(text)
        case .bool(let value): return value ? "true" : "false"
        case .size(let width, let height): return "\(formatNumber(width))x\(formatNumber(height))"
        case .geometry(let geometry): return geometry.description
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .none: return "none"
        case .host(let value): return value.summary
        }
    }

    /// The value as source text, for `record` (nil for host values, which have none).
    var sourceText: String? {
        switch self {
        case .host: return nil
        case .list(let items):
            let texts = items.compactMap(\.sourceText)
            return texts.count == items.count ? "[" + texts.joined(separator: ", ") + "]" : nil
        case .string(let text):
            return quoted(text).replacingBraces()
        default: return description
        }
    }
}

/// Whole numbers print without a fraction: `3`, not `3.0`.
public func formatNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

/// A string as it would be written in a script.
func quoted(_ text: String) -> String {
    var result = "\""
    for c in text {
        switch c {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        default: result.append(c)
        }
    }
    return result + "\""
}

private extension String {
    /// Braces escaped so a recorded string is not interpolated again.
    func replacingBraces() -> String {
        var result = ""
        for c in self {
            if c == "{" || c == "}" { result.append("\\") }
            result.append(c)
        }
        return result
    }
}

/// Equality for `==`: host values are equal only to themselves.
func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.size(let w1, let h1), .size(let w2, let h2)): return w1 == w2 && h1 == h2
    case (.geometry(let x), .geometry(let y)): return x == y
    case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) }
    case (.none, .none): return true
    case (.host(let x), .host(let y)): return x === y
    default: return false
    }
}
