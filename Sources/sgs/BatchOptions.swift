// `sgs batch` and `sgs report` command lines. Options may stand anywhere after the
// subcommand; the first other word is the script, the rest are the inputs.

import Foundation

struct BatchOptions: Equatable {
    enum Action: Equatable {
        /// Run (or submit) every input of a new or repeated batch.
        case run
        /// `--status DIR`: read the folders back.
        case status
        /// `--job DIR INDEX`: run one input (what GNU parallel and Slurm array tasks call).
        case job(Int)
    }

    var action = Action.run
    var script = ""
    var inputs: [String] = []
    var out = ""
    var jobs = 1
    var threads: Int?
    var seed: Int?
    var sshLogins: [String] = []
    /// False: run the jobs ourselves even when GNU parallel is installed.
    var useParallel = true
    var slurm = false
    var time = "2:00:00"
    var cpus: Int?
    var partition: String?
    var requeues = 5
    var dryRun = false

    static let usage = """
        usage: sgs batch SCRIPT INPUTS... --out DIR [--jobs N] [--threads N] [--seed N]
                         [--sshlogin LOGIN]... [--no-parallel]
               sgs batch SCRIPT INPUTS... --out DIR --slurm [--time H:MM:SS] [--cpus N]
                         [--partition P] [--requeues N] [--dry-run]
               sgs batch --status DIR
               sgs report DIR [--csv | --json] [--sheet FILE.png]

        Runs SCRIPT once per input, as `sgs SCRIPT INPUT DIR/NAME`, with its output in
        DIR/NAME/log.txt. A job already done is skipped; a failed one is reported and the
        others go on. See docs/batch.md.
        """

    static func parse(_ words: [String]) throws -> BatchOptions {
        var options = BatchOptions()
        var positional: [String] = []
        var index = 0
        func value(_ name: String) throws -> String {
            index += 1
            guard index < words.count else { throw UsageError(message: "batch: option '\(name)' needs a value") }
            return words[index]
        }
        func count(_ name: String, _ range: ClosedRange<Int>) throws -> Int {
            let text = try value(name)
            guard let n = Int(text), range.contains(n) else {
                throw UsageError(message: "batch: \(name) expects a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
            }
            return n
        }
        while index < words.count {
            let word = words[index]
            switch word {
            case "--out": options.out = try value(word)
            case "--jobs", "-j": options.jobs = try count(word, 1...256)
            case "--threads": options.threads = try count(word, 1...256)
            case "--seed": options.seed = try count(word, 0...Int(Int32.max))
            case "--sshlogin", "-S": options.sshLogins.append(try value(word))
            case "--no-parallel": options.useParallel = false
            case "--slurm": options.slurm = true
            case "--time": options.time = try slurmTime(try value(word))
            case "--cpus": options.cpus = try count(word, 1...1024)
            case "--partition": options.partition = try value(word)
            case "--requeues": options.requeues = try count(word, 0...100)
            case "--dry-run": options.dryRun = true
            case "--status":
                options.action = .status
                options.out = try value(word)
            case "--job":
                options.out = try value(word)
                options.action = .job(try count(word, 0...1_000_000))
            default:
                if word.hasPrefix("-") && word != "-" { throw UsageError(message: "batch: unknown option '\(word)'") }
                positional.append(word)
            }
            index += 1
        }
        try options.check(positional)
        return options
    }

    private mutating func check(_ positional: [String]) throws {
        guard action == .run else {
            if !positional.isEmpty { throw UsageError(message: "batch: unexpected '\(positional[0])' after the folder") }
            return
        }
        guard let first = positional.first else { throw UsageError(message: "batch: no script given\n" + Self.usage) }
        script = first
        inputs = Array(positional.dropFirst())
        guard !inputs.isEmpty else { throw UsageError(message: "batch: no inputs given for \(script)") }
        guard !out.isEmpty else { throw UsageError(message: "batch: --out DIR is required (each input gets a folder there)") }
        if !slurm && (dryRun || cpus != nil || partition != nil) {
            throw UsageError(message: "batch: --dry-run, --cpus and --partition go with --slurm")
        }
        if slurm && !sshLogins.isEmpty { throw UsageError(message: "batch: --sshlogin and --slurm do not go together") }
    }

    /// Slurm's time formats we accept: MINUTES, H:MM:SS, D-HH:MM:SS.
    private static func slurmTime(_ text: String) throws -> String {
        let pattern = #"^(\d+-)?\d+(:\d{2}){0,2}$"#
        guard text.range(of: pattern, options: .regularExpression) != nil else {
            throw UsageError(message: "batch: --time expects MINUTES, H:MM:SS or D-HH:MM:SS, got '\(text)'")
        }
        return text
    }
}
