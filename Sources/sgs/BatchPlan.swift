// What a batch folder holds, and the two small JSON files that make it readable later
// (by `--status`, `sgs report`, a requeued Slurm task, or a person):
//
//   DIR/batch.json       the plan: script, inputs, their folder names, options
//   DIR/NAME/log.txt     the job's standard output and error, every attempt appended
//   DIR/NAME/run.json    the last attempt: status, exit status, seconds, host, attempts
//
// A job is complete when its run.json says "done", written only after the script
// exited 0. Anything else (no run.json, "running", "failed", "stopped") runs again.
import Foundation

struct BatchPlan: Codable, Equatable {
    var script: String
    var inputs: [String]
    var names: [String]
    var threads: Int?
    var seed: Int?

    static func file(in folder: String) -> String { folder + "/batch.json" }

    /// Absolute paths (jobs may run elsewhere: another machine, a Slurm node) and one
    /// folder name per input: its file name without extension, made unique.
    init(script: String, inputs: [String], threads: Int?, seed: Int?) {
        self.script = absolutePath(script)
        self.inputs = inputs.map(absolutePath)
        var seen: [String: Int] = [:]
        names = inputs.map { input in
            var base = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
            if base.isEmpty || base == "." || base == ".." { base = "input" }
            seen[base, default: 0] += 1
            return seen[base] == 1 ? base : "\(base)-\(seen[base]!)"
        }
        self.threads = threads
        self.seed = seed
    }

    static func read(from folder: String) throws -> BatchPlan {
        let path = file(in: folder)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BatchError("\(path): no batch here (no batch.json; start one with `sgs batch SCRIPT INPUTS... --out \(folder)`)")
        }
        do { return try JSONDecoder().decode(BatchPlan.self, from: data) }
        catch { throw BatchError("\(path): not a batch plan (\(error))") }
    }

    func write(to folder: String) throws {
        try writeJSON(self, to: BatchPlan.file(in: folder))
    }
}

/// The last attempt at one job.
struct RunRecord: Codable, Equatable {
    enum Status: String, Codable {
        case running, done, failed, stopped
    }
    var input: String
    var status: Status
    /// The script's exit status (nil while running).
    var exit: Int32?
    /// This attempt's seconds, and every attempt's together (a resumed job's real cost).
    var seconds: Double
    var totalSeconds: Double
    var started: String
    var host: String
    var attempts: Int

    static func file(in jobFolder: String) -> String { jobFolder + "/run.json" }

    static func read(from jobFolder: String) -> RunRecord? {
        guard let data = FileManager.default.contents(atPath: file(in: jobFolder)) else { return nil }
        return try? JSONDecoder().decode(RunRecord.self, from: data)
    }

    func write(to jobFolder: String) throws {
        try writeJSON(self, to: RunRecord.file(in: jobFolder))
    }
}

struct BatchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        .standardizedFileURL.path
}

/// Sorted, indented JSON written to a temporary file and renamed, so a reader (or a
/// job killed mid-write) never sees half a file.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    do {
        try (try encoder.encode(value) + Data("\n".utf8)).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 { throw BatchError("cannot rename \(temporary) to \(path)") }
    } catch let error as BatchError {
        throw error
    } catch {
        throw BatchError("\(path): cannot write (\(error.localizedDescription))")
    }
}
