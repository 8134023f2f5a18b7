// Ctrl-C: the host's SIGINT handler raises the flag; the interpreter checks it
// between statements and loop iterations, and long host commands check it at
// their own safe points.
import Synchronization

public final class Interrupt: Sendable {
    /// The one flag a process's signal handler sets (storing an atomic is signal-safe).
    public static let shared = Interrupt()

    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .relaxed) }
    public func clear() { flag.store(false, ordering: .relaxed) }
    public var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `interrupted` when Ctrl-C was pressed; call it at safe points.
    public func check() throws {
        if isRequested { throw ScriptError.interrupted }
    }
}
