// Ctrl-C and SIGTERM. The handler only raises the session's interrupt flag (an atomic
// store, safe in a signal handler) and notes which signal came: at the prompt the key
// reader sees the flag and ends the line (readline returns NULL, which the REPL tells
// apart from Ctrl-D by that flag); while a command runs, the command stops at its next
// safe point (training between iterations, after saving its checkpoint). A second
// Ctrl-C within two seconds while a command is still running means "really stop": exit
// at once. SIGTERM (what `kill`, Slurm's time limit and preemption send) stops like
// Ctrl-C, and the process then exits with 143 instead of 130 (128 + the signal number);
// a repeated SIGTERM does not cut the save short (GNU parallel sends several; whoever
// wants it dead at once sends SIGKILL).
import Glibc
import Script
import Synchronization

private let commandRunning = Atomic<Bool>(false)
/// Monotonic nanoseconds of the last Ctrl-C while a command ran (0: none yet).
private let lastInterrupt = Atomic<Int64>(0)
/// The last SIGINT or SIGTERM received (0: none).
private let lastSignal = Atomic<Int32>(0)
private let patience: Int64 = 2_000_000_000

private func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

private func handleStop(_ signal: Int32) {
    lastSignal.store(signal, ordering: .relaxed)
    if signal == SIGINT && commandRunning.load(ordering: .relaxed) {
        let now = monotonicNanoseconds()
        let previous = lastInterrupt.exchange(now, ordering: .relaxed)
        if previous != 0 && now - previous < patience {
            let newline: StaticString = "\n"
            _ = write(STDERR_FILENO, newline.utf8Start, 1)
            _exit(128 + signal)
        }
    }
    Interrupt.shared.request()
}

enum Signals {
    /// Installs the SIGINT and SIGTERM handler, with SA_RESTART so that the file writes
    /// of a command a signal stops are not cut short: the prompt's key reader polls the
    /// flag instead of relying on an interrupted read().
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handleStop
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }

    static func commandStarted() {
        lastInterrupt.store(0, ordering: .relaxed)
        commandRunning.store(true, ordering: .relaxed)
    }

    static func commandFinished() {
        commandRunning.store(false, ordering: .relaxed)
    }

    /// True once SIGTERM came: the REPL leaves instead of prompting again.
    static var terminationRequested: Bool { lastSignal.load(ordering: .relaxed) == SIGTERM }

    /// The exit status of a run a signal stopped: 130 for SIGINT, 143 for SIGTERM.
    static var interruptedStatus: Int32 { terminationRequested ? 128 + SIGTERM : 128 + SIGINT }
}
