// Variables: a chain of scopes. Globals at the root; each block, loop iteration
// and command call gets a child scope.

final class Environment {
    private var values: [String: Value] = [:]
    let parent: Environment?

    init(parent: Environment? = nil) { self.parent = parent }

    /// `let`: binds in this scope, shadowing outer ones.
    func define(_ name: String, _ value: Value) { values[name] = value }

    func lookup(_ name: String) -> Value? {
        if let value = values[name] { return value }
        return parent?.lookup(name)
    }

    /// `NAME = EXPR`: changes the nearest existing binding; false when there is none.
    func assign(_ name: String, _ value: Value) -> Bool {
        if values[name] != nil {
            values[name] = value
            return true
        }
        return parent?.assign(name, value) ?? false
    }

    /// Every visible name, for did-you-mean and completion.
    var names: [String] {
        Array(Set(values.keys).union(parent?.names ?? [])).sorted()
    }
}
