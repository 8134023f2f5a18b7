// `sgs batch SCRIPT INPUTS... --out DIR`: writes the plan, then runs the jobs with GNU
// parallel when it is installed (so `--sshlogin` spreads them over machines), with our
// own small pool otherwise, or hands them to Slurm; ends with the status table.
import Glibc
import Foundation

struct BatchRunner {
    let options: BatchOptions

    func run() throws -> Int32 {
        let folder = absolutePath(options.out)
        switch options.action {
        case .status:
            let plan = try BatchPlan.read(from: folder)
            BatchStatus.table(plan, in: folder).forEach { print($0) }
            return BatchStatus.exitStatus(plan, in: folder)
        case .job(let index):
            let plan = try BatchPlan.read(from: folder)
            guard plan.names.indices.contains(index) else {
                throw BatchError("\(BatchPlan.file(in: folder)): no job \(index) (the batch has \(plan.names.count), from 0)")
            }
            return try BatchJob(plan: plan, folder: folder, index: index).run()
        case .run:
            return try start(in: folder)
        }
    }

    private func start(in folder: String) throws -> Int32 {
        try checkInputs()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plan = BatchPlan(script: options.script, inputs: options.inputs, threads: threadsPerJob, seed: options.seed)
        try plan.write(to: folder)
        if options.slurm { return try SlurmSubmission(options: options, plan: plan, folder: folder).run() }
        if options.useParallel, let parallel = gnuParallel() {
            print("running \(plan.names.count) jobs with GNU parallel, \(options.jobs) at a time")
            fflush(nil)
            try runChildren([try ChildProcess.spawn(parallelCommand(parallel, plan, folder), log: nil)])
        } else {
            print("running \(plan.names.count) jobs, \(options.jobs) at a time")
            fflush(nil)
            try runPool(plan, folder)
        }
        print()
        BatchStatus.table(plan, in: folder).forEach { print($0) }
        if let signal = SignalRelay.received { return 128 + signal }
        return BatchStatus.exitStatus(plan, in: folder)
    }

    /// A missing script or input is a usage error now rather than N failed jobs later.
    private func checkInputs() throws {
        for path in [options.script] + options.inputs where !FileManager.default.isReadableFile(atPath: path) {
            throw BatchError("\(path): no such file (or not readable)")
        }
    }

    /// Threads for each job: as given, else the cores shared out among the local jobs
    /// (Slurm: the CPUs each task asks for).
    private var threadsPerJob: Int? {
        if let threads = options.threads { return threads }
        if options.slurm { return options.cpus }
        guard options.jobs > 1, options.sshLogins.isEmpty else { return nil }
        return max(1, ProcessInfo.processInfo.activeProcessorCount / options.jobs)
    }

    /// Runs `sgs batch --job DIR i` for every input, at most `jobs` at once.
    private func runPool(_ plan: BatchPlan, _ folder: String) throws {
        var waiting = Array(plan.names.indices)
        var running: [ChildProcess] = []
        while !(waiting.isEmpty && running.isEmpty) {
            SignalRelay.relay(to: running)
            if SignalRelay.received != nil { waiting = [] }
            while running.count < options.jobs, !waiting.isEmpty {
                let index = waiting.removeFirst()
                running.append(try ChildProcess.spawn([selfExecutable(), "batch", "--job", folder, String(index)], log: nil))
            }
            running.removeAll { $0.poll() != nil }
            usleep(50_000)
        }
    }

    private func runChildren(_ children: [ChildProcess]) throws {
        var running = children
        while !running.isEmpty {
            SignalRelay.relay(to: running)
            running.removeAll { $0.poll() != nil }
            usleep(50_000)
        }
    }

    /// GNU parallel gives a stopped job a minute to checkpoint before it kills it.
    private func parallelCommand(_ parallel: String, _ plan: BatchPlan, _ folder: String) -> [String] {
        var command = [parallel, "--will-cite", "--jobs", String(options.jobs), "--termseq", "TERM,60000,KILL,25"]
        for login in options.sshLogins { command += ["--sshlogin", login] }
        command += [selfExecutable(), "batch", "--job", folder, "{}", ":::"]
        return command + plan.names.indices.map(String.init)
    }

    /// GNU parallel on PATH (moreutils has a `parallel` too, which takes other options).
    private func gnuParallel() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/parallel"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            guard let text = try? String(contentsOfFile: candidate, encoding: .utf8), text.contains("GNU parallel") else {
                continue
            }
            return candidate
        }
        return nil
    }
}
