// A pseudo-terminal driving the real sgs as a person would: the child runs in its own
// session with the terminal as its controlling tty, so Ctrl-C typed here reaches it as
// SIGINT through the line discipline, and libedit sees a real terminal.
import Foundation
import Glibc
import XCTest

final class PseudoTerminal {
    /// TIOCSPTLCK and TIOCGPTN (_IOW/_IOR('T', 0x31/0x30, int)).
    private static let setLock: UInt = 0x4004_5431
    private static let getNumber: UInt = 0x8004_5430

    /// POSIX_SPAWN_SETSID, a GNU extension Swift's Glibc does not show.
    private static let newSession: Int16 = 0x80

    private let master: Int32
    private var pid: pid_t = 0
    private var buffer = ""
    private var exitStatus: Int32?

    init(arguments: [String] = [], environment: [String: String]) throws {
        let executable = try Binary.require()
        // posix_openpt and friends are hidden from Swift's Glibc; their Linux ioctls are not.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, PseudoTerminal.setLock, &unlock) == 0,
              ioctl(master, PseudoTerminal.getNumber, &number) == 0 else {
            throw XCTSkip("no pseudo-terminals here")
        }
        var size = winsize(ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = "/dev/pts/\(number)"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid the first terminal opened becomes the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, PseudoTerminal.newSession)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let status = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw XCTSkip("cannot start sgs on a pseudo-terminal: \(status)") }
    }

    deinit {
        if exitStatus == nil && pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until `needle` appears in the output, and consumes the output up to its end.
    @discardableResult
    func expect(_ needle: String, timeout: TimeInterval = 5, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = buffer.range(of: needle) {
                buffer = String(buffer[range.upperBound...])
                return true
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, readSome(waiting: left) else {
                XCTFail("expected \(needle.debugDescription), got \(buffer.debugDescription)", file: file, line: line)
                return false
            }
        }
    }

    /// Waits for a prompt and then for libedit to put the terminal in raw mode: keys sent
    /// before that meet the kernel's line editing instead (Ctrl-D, Ctrl-C are eaten there).
    /// The default wait is generous: a command may calibrate the engine's speed first (a
    /// second in a release build, many under AddressSanitizer on a busy machine).
    @discardableResult
    func expectPrompt(_ prompt: String = "sgs> ", timeout: TimeInterval = 30,
                      file: StaticString = #filePath, line: UInt = #line) -> Bool {
        guard expect(prompt, timeout: timeout, file: file, line: line) else { return false }
        let deadline = Date().addingTimeInterval(timeout)
        var settings = termios()
        // On Linux the master reports the terminal's settings.
        while tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) != 0 {
            guard Date() < deadline else {
                XCTFail("the line editor never took the terminal", file: file, line: line)
                return false
            }
            usleep(1_000)
        }
        return true
    }

    /// The output seen and not yet consumed.
    var pending: String { buffer }

    /// Reads what is available within `waiting` seconds; false at the end or on time-out.
    private func readSome(waiting: TimeInterval) -> Bool {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(1, waiting * 1000))) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        buffer += String(decoding: chunk[..<count], as: UTF8.self)
        return true
    }

    /// Sends `number` to the process (as `kill` would, not through the terminal).
    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the process to end and returns its exit status (nil: still running).
    func waitForExit(timeout: TimeInterval = 5) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = readSome(waiting: 0.01)  // keep draining so the child never blocks on output
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                return exitStatus
            }
        }
        return nil
    }
}
