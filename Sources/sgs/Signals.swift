// Ctrl-C. The handler only raises the session's interrupt flag (an atomic store, safe
// in a signal handler): at the prompt the key reader sees it and ends the line (readline
// returns NULL, which the REPL tells apart from Ctrl-D by that flag); while a command
// runs, the command stops at its next safe point. A second Ctrl-C within two seconds
// while a command is still running means "really stop": exit 130 at once.
import Glibc
import Script
import Synchronization

private let commandRunning = Atomic<Bool>(false)
/// Monotonic nanoseconds of the last Ctrl-C while a command ran (0: none yet).
private let lastInterrupt = Atomic<Int64>(0)
private let patience: Int64 = 2_000_000_000

private func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

private func handleInterrupt(_ signal: Int32) {
    if commandRunning.load(ordering: .relaxed) {
        let now = monotonicNanoseconds()
        let previous = lastInterrupt.exchange(now, ordering: .relaxed)
        if previous != 0 && now - previous < patience {
            let newline: StaticString = "\n"
            _ = write(STDERR_FILENO, newline.utf8Start, 1)
            _exit(130)
        }
    }
    Interrupt.shared.request()
}

enum Signals {
    /// Installs the SIGINT handler, with SA_RESTART so that the file writes of a command
    /// Ctrl-C stops are not cut short: the prompt's key reader polls the flag instead
    /// of relying on an interrupted read().
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    static func commandStarted() {
        lastInterrupt.store(0, ordering: .relaxed)
        commandRunning.store(true, ordering: .relaxed)
    }

    static func commandFinished() {
        commandRunning.store(false, ordering: .relaxed)
    }
}
