// One job of a batch: `sgs batch --job DIR INDEX`, what GNU parallel, a Slurm array task
// or our own runner starts. Skips a job already done; otherwise runs
// `sgs SCRIPT INPUT DIR/NAME` with its output appended to DIR/NAME/log.txt, passes a
// SIGTERM or Ctrl-C on to it (so training stops and checkpoints), and records the outcome
// in DIR/NAME/run.json. Prints one line: what happened to the job.
import Glibc
import Foundation

struct BatchJob {
    let plan: BatchPlan
    let folder: String
    let index: Int

    var name: String { plan.names[index] }
    var jobFolder: String { folder + "/" + name }
    var log: String { jobFolder + "/log.txt" }

    /// The script's exit status (0 also when the job was already done).
    func run() throws -> Int32 {
        let previous = RunRecord.read(from: jobFolder)
        if previous?.status == .done {
            print("\(pad(name, 16)) skipped (done before)")
            return 0
        }
        try FileManager.default.createDirectory(atPath: jobFolder, withIntermediateDirectories: true)
        var record = RunRecord(input: plan.inputs[index], status: .running, exit: nil, seconds: 0,
                               totalSeconds: previous?.totalSeconds ?? 0, started: timestamp(),
                               host: hostName(), attempts: (previous?.attempts ?? 0) + 1)
        try record.write(to: jobFolder)
        let command = [selfExecutable()] + sgsOptions + [plan.script, plan.inputs[index], jobFolder]
        appendToLog("== sgs batch: attempt \(record.attempts) on \(record.host) at \(record.started): "
                    + command.joined(separator: " ") + "\n")
        let start = Date()
        let child = try ChildProcess.spawn(command, log: log)
        var status: Int32?
        while status == nil {
            SignalRelay.relay(to: [child])
            status = child.poll()
            if status == nil { usleep(50_000) }
        }
        let exit = status ?? 70
        record.exit = exit
        record.seconds = Date().timeIntervalSince(start)
        record.totalSeconds += record.seconds
        record.status = exit == 0 ? .done : (exit == 130 || exit == 143) ? .stopped : .failed
        try record.write(to: jobFolder)
        print("\(pad(name, 16)) \(record.status.rawValue) (exit \(exit), \(formatSeconds(record.seconds)))"
              + (exit == 0 ? "" : ": see \(log)"))
        fflush(nil)
        return exit
    }

    private var sgsOptions: [String] {
        (plan.threads.map { ["--threads", String($0)] } ?? []) + (plan.seed.map { ["--seed", String($0)] } ?? [])
    }

    private func appendToLog(_ text: String) {
        guard let handle = FileHandle(forWritingAtPath: log) ?? createLog() else { return }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        try? handle.close()
    }

    private func createLog() -> FileHandle? {
        _ = FileManager.default.createFile(atPath: log, contents: nil)  // FileHandle says if it failed
        return FileHandle(forWritingAtPath: log)
    }
}

func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "?" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// UTC, to the second: 2026-11-27T15:04:05Z.
func timestamp(_ date: Date = Date()) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}

/// 0.4 s, 12.3 s, 4m05s, 1h02m.
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
    return String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60)
}

/// Left-aligned in a column of `width` characters (at least one space after).
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
