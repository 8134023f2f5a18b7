// The setting table: typed, documented values behind `set KEY VALUE` and `show settings`.
// The host registers its hyperparameters (iters, lr, alpha, ...) here.

public struct Setting {
    public let name: String
    public let type: ArgType
    public let defaultValue: Value
    public let summary: String
    /// More lines for `help NAME` (formulas, what the setting changes); may be empty.
    public let details: String
    /// Returns what is wrong with a value of the right type (`must be > 0`), or nil.
    public let validate: ((Value) -> String?)?

    public init(_ name: String, _ type: ArgType, default defaultValue: Value, _ summary: String,
                details: String = "", validate: ((Value) -> String?)? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
        self.details = details
        self.validate = validate
    }
}

public final class SettingTable {
    private var definitions: [String: Setting] = [:]
    private var values: [String: Value] = [:]
    /// Called after every successful change, so the host can act (threads, seed).
    public var onChange: ((String, Value) -> Void)?

    public init() {}

    public func register(_ setting: Setting) { definitions[setting.name] = setting }

    public var names: [String] { definitions.keys.sorted() }

    public func definition(_ name: String) -> Setting? { definitions[name] }

    /// The current value, the default when never set, none when unknown.
    public subscript(_ name: String) -> Value { values[name] ?? definitions[name]?.defaultValue ?? .none }

    public func number(_ name: String) -> Double? { self[name].number }

    public func int(_ name: String) -> Int? { self[name].int }

    /// Checks the type and the setting's own rule, then stores.
    public func set(_ name: String, _ value: Value) throws {
        let checked = try validated(name, value)
        values[name] = checked
        onChange?(name, checked)
    }

    /// The value as `set` would store it, or the error saying why it cannot be.
    public func validated(_ name: String, _ value: Value) throws -> Value {
        guard let setting = definitions[name] else { throw unknownSetting(name) }
        guard let checked = setting.type.accepts(value) else {
            throw ScriptError.runtime("setting '\(name)' expects \(setting.type.expected), got \(value.typeWithArticle)")
        }
        if let problem = setting.validate?(checked) {
            throw ScriptError.runtime("setting '\(name)' \(problem)")
        }
        return checked
    }

    /// `set KEY default`: back to the default (the host hears of it as of any change).
    public func restore(_ name: String) throws {
        guard let setting = definitions[name] else { throw unknownSetting(name) }
        values[name] = nil
        onChange?(name, setting.defaultValue)
    }

    /// `reset`: every setting back to its default.
    public func restoreAll() {
        for name in names where values[name] != nil { try? restore(name) }
    }

    func unknownSetting(_ name: String) -> ScriptError {
        ScriptError.runtime("unknown setting '\(name)'" + Suggestions.hint(for: name, in: names))
    }

    /// Settings whose value differs from the default, in name order, for `record`.
    func changed() -> [(name: String, value: Value)] {
        names.compactMap { name in
            guard let value = values[name], let setting = definitions[name],
                  !valuesEqual(value, setting.defaultValue) else { return nil }
            return (name, value)
        }
    }
}
