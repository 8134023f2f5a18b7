// The two subcommands that work on many runs at once: `sgs batch` (run a script over
// many inputs, locally, with GNU parallel or on Slurm) and `sgs report` (read the runs
// back into one table and a contact sheet). A script named `batch` or `report` runs as
// `sgs ./batch` or `sgs -- batch`.
import Foundation

extension Launcher {
    func runBatch(_ words: [String]) -> Int32 {
        subcommand("batch") {
            if words.contains("--help") || words.contains("-h") { print(BatchOptions.usage); return 0 }
            let options = try BatchOptions.parse(words)
            Signals.install()
            return try BatchRunner(options: options).run()
        }
    }

    func runReport(_ words: [String]) -> Int32 {
        subcommand("report") {
            if words.contains("--help") || words.contains("-h") { print(BatchOptions.usage); return 0 }
            var format = ReportFormat.text, folder: String?, sheet: String?
            var index = 0
            while index < words.count {
                switch words[index] {
                case "--csv": format = .csv
                case "--json": format = .json
                case "--sheet":
                    index += 1
                    guard index < words.count else { throw UsageError(message: "report: --sheet needs a file name") }
                    sheet = words[index]
                case let word where word.hasPrefix("-"): throw UsageError(message: "report: unknown option '\(word)'")
                case let word:
                    guard folder == nil else { throw UsageError(message: "report: one folder, got '\(folder!)' and '\(word)'") }
                    folder = word
                }
                index += 1
            }
            guard let folder else { throw UsageError(message: "report: which batch folder?\n" + BatchOptions.usage) }
            return try report(absolutePath(folder), format: format, sheet: sheet)
        }
    }

    /// The table on standard output; the sheet's path and order on standard error.
    private func report(_ folder: String, format: ReportFormat, sheet: String?) throws -> Int32 {
        let plan = try BatchPlan.read(from: folder)
        let rows = Report.rows(plan, in: folder)
        print(try Report.render(rows, as: format), terminator: "")
        let sheetPath = sheet ?? folder + "/report.png"
        let names = try Report.contactSheet(rows, to: sheetPath)
        if !names.isEmpty {
            Terminal.writeError("wrote \(sheetPath): one sample each of \(names.joined(separator: ", "))\n")
        }
        return 0
    }

    /// Usage errors exit 64, batch problems (a missing file, no plan) 74.
    private func subcommand(_ name: String, _ body: () throws -> Int32) -> Int32 {
        do {
            return try body()
        } catch let error as UsageError {
            Terminal.writeError("sgs \(error.message)\nTry 'sgs batch --help'.\n")
            return ExitCode.usage
        } catch {
            Terminal.writeError("sgs \(name): \(error)\n")
            return ExitCode.io
        }
    }
}
