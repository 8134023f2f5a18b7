// `sgs batch ... --slurm`: one Slurm job array, one task per input. Each task runs
// `sgs batch --job DIR $SLURM_ARRAY_TASK_ID`, so a task that is requeued (preempted,
// or stopped by its time limit) skips a done job and resumes an unfinished one from
// its checkpoint (`train into FILE` in the script). Slurm signals the batch shell
// (`--signal=B:TERM@60`: a minute before the time limit); the shell passes SIGTERM on,
// sgs checkpoints and exits 143, and the shell requeues the task.
import Foundation

struct SlurmSubmission {
    let options: BatchOptions
    let plan: BatchPlan
    let folder: String

    var scriptPath: String { folder + "/batch.sbatch" }

    func run() throws -> Int32 {
        let text = script()
        if options.dryRun {
            print(text, terminator: "")
            return 0
        }
        do { try text.write(toFile: scriptPath, atomically: true, encoding: .utf8) }
        catch { throw BatchError("\(scriptPath): cannot write (\(error.localizedDescription))") }
        guard let sbatch = findOnPath("sbatch") else {
            throw BatchError("sbatch is not on PATH (is this a Slurm login node?); the job script is in \(scriptPath)")
        }
        let child = try ChildProcess.spawn([sbatch, scriptPath], log: nil)
        var status: Int32?
        while status == nil { status = child.poll(); usleep(20_000) }
        if status == 0 { print("follow it with: sgs batch --status \(folder)") }
        return status == 0 ? 0 : 69
    }

    func script() -> String {
        let last = plan.names.count - 1
        var lines = [
            "#!/bin/bash",
            "# Written by sgs batch: \(plan.names.count) jobs of \(plan.script), one array task each.",
            "#SBATCH --job-name=sgs-\(shellWord(URL(fileURLWithPath: folder).lastPathComponent))",
            "#SBATCH --array=0-\(last)",
            "#SBATCH --time=\(options.time)",
            "#SBATCH --cpus-per-task=\(options.cpus ?? 1)",
            "#SBATCH --ntasks=1",
            "#SBATCH --requeue",
            "#SBATCH --signal=B:TERM@60",
            "#SBATCH --open-mode=append",
            "#SBATCH --output=\(folder)/slurm-%a.out",
        ]
        if let partition = options.partition { lines.append("#SBATCH --partition=\(partition)") }
        lines += [
            "",
            "sgs=\(shellWord(selfExecutable()))",
            "# Slurm signals this shell; pass SIGTERM on so sgs checkpoints and exits 143.",
            "\"$sgs\" batch --job \(shellWord(folder)) \"$SLURM_ARRAY_TASK_ID\" &",
            "child=$!",
            "trap 'kill -TERM \"$child\" 2>/dev/null' TERM",
            "wait \"$child\"; status=$?",
            "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; status=$?; done",
            "# Stopped before the end: queue the task again, to resume from its checkpoint.",
            "if [ \"$status\" -eq 143 ] && [ \"${SLURM_RESTART_COUNT:-0}\" -lt \(options.requeues) ]; then",
            "    scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"",
            "fi",
            "exit \"$status\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `word` quoted for bash when it needs it.
func shellWord(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "/._-+=:,@".contains($0) }
    return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

func findOnPath(_ program: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
