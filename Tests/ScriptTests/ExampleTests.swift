// Every example in `help` (the first paragraph of each command's help, the stdlib's
// included) and every ```sgs block in README.md and docs/*.md runs here, so none can
// break again. They run in a folder with the files they name (small drawn images and a
// tiny trained model, built once) and the variables they use bound by a prelude.
//
// Marking a docs block: ```sgs runs it; ```sgs check only checks it (parse and
// resolve every statement). Examples run at test size: the numbers that only make them
// longer (iters, max, channels, steps, count, frames) are shrunk, everything else runs
// as written.
import Foundation
import XCTest
import SGSCommands
import Script

final class ExampleTests: XCTestCase {
    /// Examples that train a model of their own (superres) or run the whole tour
    /// (tutorial, tested in TutorialTests), or set a recipe whose own numbers are not shrunk
    /// (preset, recipe, finetune; ConSinGANScriptTests train them small), or need a model
    /// trained on labels (translate, fidelity; corpus/host/labels/translate.sgs runs them): checked here, not run.
    static let checkedOnly = ["tutorial", "train_superres", "superres", "upscale", "preset", "recipe consingan", "finetune",
                              "translate", "fidelity"]

    /// Test size; PNN's 5 levels (not 9) keep its coarsest level above the 7x7 patch on
    /// these small images.
    static let settings = "seed 1\nset channels 4\nset maxchannels 4\nset iters 2\nset dsteps 1\nset gsteps 1\nset pnnlevels 5\n"

    /// The names the examples use, bound to small images and the fixture's model.
    static let prelude = settings + """
        let photo = load "balloons.png"
        let img = photo
        let paint = load "paint.png"
        let spot = load "mask.png"
        let background = synth landscape size 200x150
        let object = (crop paint size 40x30)
        let naive = (paste object onto background at [120, 40])
        let generated = photo
        let r = photo
        let x = photo
        let y = paint
        let k = 1
        let f = (frames [photo, paint, photo])
        let sketch = paint
        let moved = photo
        let hole = spot
        let map = (labels photo colors 4)

        """

    /// An example at test size: `set iters 500` runs as `set iters 2`, `max 250` as `max 48`.
    static func shrunk(_ text: String) -> String {
        let rules = [(#"\biters \d+"#, "iters 2"), (#"\bmax \d+"#, "max 48"), (#"\bchannels \d+"#, "channels 4"), (#"\bmaxchannels \d+"#, "maxchannels 4"),
                     (#"\bsteps \d+"#, "steps 3"), (#"\bcount \d+"#, "count 2"), (#"\bframes \d+"#, "frames 3")]
        return rules.reduce(text) { text, rule in
            text.replacingOccurrences(of: rule.0, with: rule.1, options: .regularExpression)
        }
    }

    // nonisolated(unsafe): XCTest runs this class's tests one at a time, on one thread.
    nonisolated(unsafe) static var fixture: URL?

    /// The files the examples name, and a trained model, made once for the whole class.
    static func makeFixture() throws -> URL {
        if let fixture { return fixture }
        let folder = try SGSTesting.temporaryFolder()
        let images = ["balloons.png", "photo.png", "33039_LR.png"].map { "save photo \"\($0)\"" }
        let paints = ["paint.png", "cows_paint.png", "stone_edit.png", "starry_night_naive.png", "painted.png"].map { "save paint \"\($0)\"" }
        let masks = ["mask.png", "stone_edit_mask.png", "starry_night_naive_mask.png"].map { "save spot \"\($0)\"" }
        let script = settings + "let photo = synth landscape size 96x72\nlet paint = synth blobs size 96x72\n"
            + "let spot = (mask paint threshold 0.5)\n" + (images + paints + masks).joined(separator: "\n")
            + "\npyramid photo min 11 max 48\ntrain\nsave model \"balloons.sgm\"\n"
        try "print \"experiment ran\"\n".write(to: folder.appendingPathComponent("experiment.sgs"), atomically: true, encoding: .utf8)
        try inFolder(folder) {
            let output = CapturedOutput()
            try SGSTesting.session(output: output, temporaryFolder: folder.path).session.run(source: script, name: "<fixture>")
        }
        fixture = folder
        return folder
    }

    static func inFolder(_ folder: URL, _ body: () throws -> Void) throws {
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(folder.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path])
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        try body()
    }

    struct Example {
        let place: String
        let text: String
        let runs: Bool
    }

    func testEveryHelpExampleRuns() throws {
        let table = SGSTesting.session(output: CapturedOutput(), temporaryFolder: NSTemporaryDirectory()).session.table
        let examples = table.all.filter { !$0.example.isEmpty }.map { command in
            Example(place: "help \(command.name)", text: command.example,
                    runs: !Self.checkedOnly.contains { command.example.contains($0) })
        }
        XCTAssertGreaterThan(examples.count, 50)
        try run(examples)
    }

    func testEveryDocsExampleRuns() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let docs = try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var examples: [Example] = []
        for file in ["README.md"] + docs {
            let text = try String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8)
            examples += Self.blocks(in: text, file: file)
        }
        XCTAssertGreaterThanOrEqual(examples.filter { $0.place.hasPrefix("docs/language.md") }.count, 4)
        try run(examples)
    }

    /// The ```sgs blocks of a Markdown text, with the line each starts on.
    static func blocks(in text: String, file: String) -> [Example] {
        var examples: [Example] = []
        var current: (line: Int, runs: Bool, lines: [String])?
        for (number, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var open = current {
                if trimmed == "```" {
                    examples.append(Example(place: "\(file):\(open.line)", text: open.lines.joined(separator: "\n"),
                                            runs: open.runs))
                    current = nil
                } else {
                    open.lines.append(line)
                    current = open
                }
            } else if trimmed == "```sgs" || trimmed == "```sgs check" {
                current = (number + 1, trimmed == "```sgs", [])
            }
        }
        return examples
    }

    private func run(_ examples: [Example]) throws {
        let fixture = try Self.makeFixture()
        var failures: [String] = []
        try Self.inFolder(fixture) {
            for example in examples {
                if let failure = outcome(of: example, in: fixture) { failures.append("\(example.place): \(failure)") }
            }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) of \(examples.count) examples fail:\n" + failures.joined(separator: "\n"))
    }

    /// Nil when the example runs (or, when it is only checked, passes the check).
    private func outcome(of example: Example, in fixture: URL) -> String? {
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: fixture.path)
        sgs.session.setArguments(["5"])
        let untrained = example.text.split(separator: "\n").contains { $0.hasPrefix("train") }
        let model = untrained ? "pyramid photo min 11 max 48\n" : "let m = (load model \"balloons.sgm\")\nwalk z steps 3\n"
        do {
            try sgs.session.run(source: Self.prelude + model, name: "<prelude>")
            if example.runs {
                try sgs.session.run(source: Self.shrunk(example.text), name: example.place)
            } else {
                try sgs.session.check(source: example.text, name: example.place)
            }
        } catch {
            return "\(error)"
        }
        return nil
    }
}
