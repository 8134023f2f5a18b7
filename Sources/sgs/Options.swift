// The command line, parsed into what to do. Options come first; the first word that
// is not an option is the script, and everything after it belongs to the script (`args`).

struct UsageError: Error {
    let message: String
}

struct Options: Equatable {
    enum Mode: Equatable {
        case repl
        case file(String)
        case standardInput
        case statements(String)
        case check([String])
        case version
        case help
    }

    var mode = Mode.repl
    /// What the script sees as `args`.
    var arguments: [String] = []
    var threads: Int?
    var seed: Int?
    var quiet = false

    static let usage = """
        usage: sgs [options] [FILE.sgs [ARGS...]]
               sgs [options] - [ARGS...]           read the script from standard input
               sgs [options] -c 'STATEMENTS' [ARGS...]
               sgs --check FILE.sgs...             parse and report errors without running
               sgs batch SCRIPT INPUTS... --out DIR  one run per input (sgs batch --help)
               sgs report DIR                      the runs of a batch in one table

        With no FILE, sgs starts the REPL (or runs standard input when it is not a terminal).
        Arguments after FILE are the script's `args` (strings; number(args[0]) converts).

        examples:
          sgs                                  the REPL; type `tutorial` for a guided tour
          sgs -c 'pyramid (synth "blobs") max 48; set iters 100; train; sample 4 into "s.png"'
          sgs --seed 1 stdlib/examples/quickstart.sgs
          sgs --check train.sgs               find mistakes before a long training
          sgs workshop.sgs photo.png 400      a script with two arguments

        documentation: `help` in the REPL (help singan, help settings, apropos WORD),
        README.md and docs/ (language.md, cli.md, singan.md, applications.md)

        options:
          --threads N   worker threads for training and sampling (default: all cores)
          --seed N      seed every random draw, as `seed N` would
          -q, --quiet   print results and errors only, not notices
          -V, --version print the version and exit
          -h, --help    print this help and exit

        exit status: 0 ok, 64 bad usage, 65 script error, 70 runtime error,
                     74 I/O error, 130 interrupted (Ctrl-C), 143 stopped by SIGTERM
        """

    static func parse(_ words: [String]) throws -> Options {
        var options = Options()
        var index = 0
        /// The value of an option: `--seed 7` or `--seed=7`.
        func value(of option: String, inline: String?) throws -> String {
            if let inline { return inline }
            index += 1
            guard index < words.count else { throw UsageError(message: "option '\(option)' needs a value") }
            return words[index]
        }
        while index < words.count {
            let word = words[index]
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let (name, inline) = word.hasPrefix("--") && parts.count == 2 ? (parts[0], Optional(parts[1])) : (word, nil)
            switch name {
            case "-h", "--help":
                options.mode = .help
                return options
            case "help" where index == 0 && words.count == 1:
                options.mode = .help
                return options
            case "-V", "--version":
                options.mode = .version
                return options
            case "-q", "--quiet":
                options.quiet = true
            case "--threads":
                let text = try value(of: name, inline: inline)
                // The bound of the `threads` setting, which this sets.
                guard let count = Int(text), (1...256).contains(count) else {
                    throw UsageError(message: "--threads expects a whole number from 1 to 256, got '\(text)'")
                }
                options.threads = count
            case "--seed":
                let text = try value(of: name, inline: inline)
                guard let seed = Int(text), seed >= 0 else {
                    throw UsageError(message: "--seed expects a whole number >= 0, got '\(text)'")
                }
                options.seed = seed
            case "-c":
                options.mode = .statements(try value(of: name, inline: nil))
                options.arguments = Array(words[(index + 1)...])
                return options
            case "--check":
                let files = Array(words[(index + 1)...])
                guard !files.isEmpty else { throw UsageError(message: "--check needs at least one file") }
                options.mode = .check(files)
                return options
            case "-":
                options.mode = .standardInput
                options.arguments = Array(words[(index + 1)...])
                return options
            case "--":
                guard index + 1 < words.count else { return options }
                options.mode = .file(words[index + 1])
                options.arguments = Array(words[(index + 2)...])
                return options
            default:
                if word.hasPrefix("-") { throw UsageError(message: "unknown option '\(word)'") }
                options.mode = .file(word)
                options.arguments = Array(words[(index + 1)...])
                return options
            }
            index += 1
        }
        return options
    }
}
