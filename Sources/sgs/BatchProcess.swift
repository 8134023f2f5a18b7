// Child processes for `sgs batch`: each in its own process group, so a Ctrl-C typed at
// the terminal reaches only the parent, which passes it on once (a child that got the
// terminal's SIGINT and then ours would take it as a double Ctrl-C and skip its save).
import Glibc
import Foundation
import Script
import Synchronization

struct ChildProcess {
    let pid: pid_t

    /// Starts `arguments[0]` (a path) with standard output and error appended to `log`
    /// (nil: inherited), standard input from /dev/null.
    static func spawn(_ arguments: [String], log: String?) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let log {
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw BatchError("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid)
    }

    /// The exit status once the child ended (128 + N when signal N killed it), else nil.
    func poll() -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    func send(_ signal: Int32) { kill(pid, signal) }
}

/// Passes each SIGINT or SIGTERM this process receives (Signals raises the flag) on to
/// its children, once per arrival, and remembers that one came.
enum SignalRelay {
    /// The last signal passed on (0: none came).
    private static let last = Atomic<Int32>(0)

    /// The last signal passed on (nil: none came).
    static var received: Int32? {
        let signal = last.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    static func relay(to children: [ChildProcess]) {
        guard Interrupt.shared.isRequested else { return }
        Interrupt.shared.clear()
        let signal = Signals.terminationRequested ? SIGTERM : SIGINT
        last.store(signal, ordering: .relaxed)
        children.forEach { $0.send(signal) }
    }
}

/// This executable's absolute path, to start more of itself.
func selfExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    if count > 0 { return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    return absolutePath(CommandLine.arguments[0])
}
