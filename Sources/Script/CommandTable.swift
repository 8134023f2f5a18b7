// The command table: the single source for dispatch, argument checking, help,
// completion and the generated command reference.

/// One positional or keyword parameter of a command.
public struct Parameter {
    public let name: String
    public let type: ArgType
    /// The value when the argument is left out; nil when it is required, or for a
    /// user-defined command whose default is an expression evaluated at each call.
    public let defaultValue: Value?
    /// How help shows the default (`n-2`); derived from `defaultValue` when nil.
    public let defaultText: String?
    public let summary: String
    /// The last positional parameter may take every remaining positional argument.
    public let isVariadic: Bool
    /// Bare words this parameter takes as themselves rather than as variables:
    /// `default` in `set iters default`.
    public internal(set) var literalWords: [String] = []

    /// A required parameter.
    public init(_ name: String, _ type: ArgType, _ summary: String = "") {
        self.init(name: name, type: type, defaultValue: nil, defaultText: nil, summary: summary, isVariadic: false)
    }

    /// An optional parameter; `default: .none` means "absent unless given".
    public init(_ name: String, _ type: ArgType, default defaultValue: Value, _ summary: String = "") {
        self.init(name: name, type: type, defaultValue: defaultValue, defaultText: nil, summary: summary,
                  isVariadic: false)
    }

    /// An optional parameter absent unless given, whose default the handler decides;
    /// `shown` is what help says it is: `default: .none, shown: "0.1"`.
    public init(_ name: String, _ type: ArgType, default defaultValue: Value, shown: String, _ summary: String = "") {
        self.init(name: name, type: type, defaultValue: defaultValue, defaultText: shown, summary: summary,
                  isVariadic: false)
    }

    /// The last positional parameter, taking every remaining positional argument as a list.
    public static func variadic(_ name: String, _ type: ArgType, _ summary: String = "") -> Parameter {
        Parameter(name: name, type: type, defaultValue: nil, defaultText: nil, summary: summary, isVariadic: true)
    }

    init(name: String, type: ArgType, defaultValue: Value?, defaultText: String?, summary: String, isVariadic: Bool) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.defaultText = defaultText ?? defaultValue?.description
        self.summary = summary
        self.isVariadic = isVariadic
    }

    /// The values a number must lie in (checked with the type, by the check too).
    public internal(set) var range: ClosedRange<Double>?

    /// The same parameter, refusing numbers outside `range`: `Parameter(...).within(0...1)`.
    public func within(_ range: ClosedRange<Double>) -> Parameter {
        var copy = self
        copy.range = range
        return copy
    }

    /// The same parameter, taking these bare words as themselves.
    func taking(_ words: [String]) -> Parameter {
        var copy = self
        copy.literalWords = words
        return copy
    }

    public var isRequired: Bool { defaultValue == nil && defaultText == nil && !isVariadic }
    /// A bool keyword can stand alone: `train verbose`.
    public var isFlag: Bool { type == .bool }
}

/// Checked arguments, by parameter name, as a handler receives them.
public struct Arguments {
    public let command: String
    /// Where the command was written, for the handler's own errors.
    public let location: SourceLocation
    public internal(set) var values: [String: Value] = [:]
    /// Names the user actually wrote (as opposed to defaults).
    public internal(set) var given: Set<String> = []
    var locations: [String: SourceLocation] = [:]
    /// Parameters given as one of their literal words (`set iters default`).
    public internal(set) var literalWords: Set<String> = []
    /// The parameter names the command declares: a handler reading any other name has a
    /// typo that would silently read none, so debug builds (the tests) stop on it.
    var declared: Set<String> = []

    public subscript(_ name: String) -> Value { checkDeclared(name); return values[name] ?? .none }
    public func isGiven(_ name: String) -> Bool { checkDeclared(name); return given.contains(name) }
    /// Where an argument was written (the command's location for defaults), so a
    /// handler can point its error at the argument: `ScriptError(.runtime, m, at: ...)`.
    public func location(of name: String) -> SourceLocation { checkDeclared(name); return locations[name] ?? location }

    /// Whether the command declares `name`: a reader shared by several commands asks
    /// before reading a keyword only some of them take.
    public func declares(_ name: String) -> Bool { declared.contains(name) }

    private func checkDeclared(_ name: String) {
        assert(declared.contains(name), "'\(command)' reads argument '\(name)', which it does not declare")
    }
}

public typealias CommandHandler = (Arguments, Interpreter) throws -> Value

/// An entry of the command table.
public struct Command {
    /// The verb, or two words for a subcommand: "save model", "show settings".
    public let name: String
    public let positional: [Parameter]
    public let keywords: [Parameter]
    public let summary: String
    /// Longer help; its first paragraph is an example, shown first.
    public let help: String
    /// Heading for `help` and the reference: "language", "images", "models".
    public let topic: String
    /// Whether `record` keeps statements running it (not `help`, `record`, `quit`).
    public let isRecorded: Bool
    public internal(set) var isUserDefined = false
    public let handler: CommandHandler

    public init(_ name: String, positional: [Parameter] = [], keywords: [Parameter] = [],
                summary: String, help: String = "", topic: String = "language",
                recorded: Bool = true, handler: @escaping CommandHandler) {
        self.name = name
        self.positional = positional
        self.keywords = keywords
        self.summary = summary
        self.help = help
        self.topic = topic
        self.isRecorded = recorded
        self.handler = handler
    }

    public func keyword(_ name: String) -> Parameter? { keywords.first { $0.name == name } }
}

public final class CommandTable {
    private var commands: [String: Command] = [:]

    public init() {}

    /// Adds or replaces an entry; the host binds its commands this way.
    /// Adds a command. A `def` may replace a `def`; a built-in registered twice is a bug in
    /// the registrations (the second silently replaced the first), so it stops start-up.
    public func register(_ command: Command) {
        precondition(command.isUserDefined || commands[command.name] == nil,
                     "command '\(command.name)' is registered twice")
        commands[command.name] = command
    }

    /// Replaces a registered command on purpose (a host extending a built-in, as `len`
    /// learns to count frames).
    public func replace(_ command: Command) {
        precondition(commands[command.name] != nil, "command '\(command.name)' is replaced but was never registered")
        commands[command.name] = command
    }

    public subscript(_ name: String) -> Command? { commands[name] }

    /// Every name, sorted; subcommands as "save model".
    public var names: [String] { commands.keys.sorted() }

    public var all: [Command] { names.compactMap { commands[$0] } }

    /// Single-word verbs, for did-you-mean and completion at the start of a line.
    var verbs: [String] { Array(Set(names.map { String($0.split(separator: " ")[0]) })).sorted() }

    /// The second words registered under a verb: "model", "frames" for "save".
    func subcommands(of verb: String) -> [String] {
        names.compactMap { name in
            let words = name.split(separator: " ")
            return words.count == 2 && words[0] == verb ? String(words[1]) : nil
        }
    }
}

extension Arguments {
    /// Typed reads for handlers; nil when the argument is absent or none.
    public func number(_ name: String) -> Double? { self[name].number }

    public func int(_ name: String) -> Int? { self[name].int }

    public func string(_ name: String) -> String? {
        if case .string(let text) = self[name] { return text }
        return nil
    }

    public func bool(_ name: String) -> Bool {
        if case .bool(let flag) = self[name] { return flag }
        return false
    }

    public func size(_ name: String) -> (width: Double, height: Double)? {
        if case .size(let width, let height) = self[name] { return (width, height) }
        return nil
    }

    public func list(_ name: String) -> [Value]? {
        if case .list(let items) = self[name] { return items }
        return nil
    }

    /// The host object behind an argument: `arguments.host("img", as: Image.self)`.
    public func host<T: HostValue>(_ name: String, as type: T.Type) -> T? {
        if case .host(let value) = self[name] { return value as? T }
        return nil
    }
}
