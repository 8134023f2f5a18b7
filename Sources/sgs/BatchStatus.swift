// `sgs batch --status DIR`, and the summary every batch ends with: one row per input,
// read back from the folders (so it works the same after a local run, on a cluster's
// login node while the array runs, or days later).
import Foundation

struct BatchRow {
    let name: String
    let input: String
    let record: RunRecord?

    /// "done", "failed", "stopped", "running" or "waiting" (never started).
    var status: String { record?.status.rawValue ?? "waiting" }
}

enum BatchStatus {
    static func rows(_ plan: BatchPlan, in folder: String) -> [BatchRow] {
        plan.names.indices.map { i in
            BatchRow(name: plan.names[i], input: plan.inputs[i], record: RunRecord.read(from: folder + "/" + plan.names[i]))
        }
    }

    /// The table, then a count per status and where the logs are.
    static func table(_ plan: BatchPlan, in folder: String) -> [String] {
        let rows = rows(plan, in: folder)
        let width = max(8, (rows.map(\.name.count).max() ?? 0) + 2)
        var lines = [pad("job", width) + pad("status", 9) + pad("exit", 6) + pad("tries", 7) + pad("time", 10) + "input"]
        for row in rows {
            let exit = row.record?.exit.map(String.init) ?? "-"
            // A running attempt's time is not known yet: the earlier attempts' only.
            let time = row.record.flatMap { $0.totalSeconds > 0 ? formatSeconds($0.totalSeconds) : nil } ?? "-"
            let tries = row.record.map { String($0.attempts) } ?? "0"
            lines.append(pad(row.name, width) + pad(row.status, 9) + pad(exit, 6) + pad(tries, 7) + pad(time, 10) + row.input)
        }
        var counts: [String: Int] = [:]
        rows.forEach { counts[$0.status, default: 0] += 1 }
        let summary = ["done", "failed", "stopped", "running", "waiting"].compactMap { status in
            counts[status].map { "\($0) \(status)" }
        }
        lines.append("\(rows.count) jobs: " + summary.joined(separator: ", ") + "; logs in \(folder)/JOB/log.txt")
        return lines
    }

    /// 0 when every job is done, 70 when one failed, 75 (try again) when some are unfinished.
    static func exitStatus(_ plan: BatchPlan, in folder: String) -> Int32 {
        let statuses = rows(plan, in: folder).map(\.status)
        if statuses.contains("failed") { return 70 }
        return statuses.allSatisfy { $0 == "done" } ? 0 : 75
    }
}
