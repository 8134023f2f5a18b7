// `sgs --check` and the check every run does first, on the real binary: a mistake
// anywhere in a script is reported, with its place and a suggestion, before anything runs.
import XCTest

final class CheckTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    /// The examples, each a script that parses but cannot run.
    func testCheckFindsEachKindOfMistake() throws {
        let cases: [(script: String, place: String, message: String)] = [
            ("sampel 4\n", "1:1", "unknown command 'sampel' (did you mean 'sample'?)"),
            ("sample 4 int \"x\"\n", "1:10", "'sample' has no keyword 'int' (did you mean 'into'?)"),
            ("walk z stepz 3\n", "1:8", "'walk z' has no keyword 'stepz' (did you mean 'steps'?)"),
            ("set iters 2.5\n", "1:11", "setting 'iters' expects a whole number, got a number"),
            ("set itres 5\n", "1:5", "unknown setting 'itres' (did you mean 'iters'?)"),
            ("print photo\nlet photo = 1\n", "1:7", "unknown variable 'photo'"),
            ("use \"missing_helper\"\n", "1:5", "cannot find 'missing_helper'"),
            ("let im = synth \"blobs\"\ninject im\n", "2:1", "'inject' needs 'at K'"),
            ("let a = 1\nsample 4 a\n", "2:10", "'sample' takes 1 argument before its keywords"),
            ("walk z alpha 5\n", "1:14", "'walk z' needs 'alpha' in 0...1, got 5"),
        ]
        for (index, item) in cases.enumerated() {
            let script = try folder.write("case\(index).sgs", "print \"ran\"\n" + item.script)
            let check = try runSGS(["--check", script.path], in: folder)
            XCTAssertEqual(check.status, 65, item.script)
            XCTAssertEqual(check.output, "", "--check runs nothing")
            let place = shifted(item.place)
            XCTAssertTrue(check.errors.hasPrefix("\(script.path):\(place): error: \(item.message)"), check.errors)
            XCTAssertTrue(check.errors.contains("\n^") || check.errors.contains(" ^"), "a caret line: \(check.errors)")
        }
    }

    /// A typo at the end of a script stops it before its first line trains.
    func testRunChecksTheWholeScriptFirst() throws {
        var lines = ["let im = synth \"blobs\" size 32x24", "set iters 2", "pyramid im max 32", "train", "print \"trained\""]
        lines += Array(repeating: "print 1", count: 35)
        lines.append("sample 3 fron 1")
        let script = try folder.write("long.sgs", lines.joined(separator: "\n") + "\n")
        let outcome = try runSGS([script.path], in: folder)
        XCTAssertEqual(outcome.status, 65)
        XCTAssertEqual(outcome.output, "", "nothing ran")
        XCTAssertFalse(outcome.errors.contains("scale"), "no training progress: \(outcome.errors)")
        XCTAssertTrue(outcome.errors.hasPrefix("\(script.path):41:10: error: 'sample' has no keyword 'fron' "
                                               + "(did you mean 'from'?)"), outcome.errors)
    }

    func testCorrectScriptsPass() throws {
        let script = try folder.write("fine.sgs", """
            def grow img by=2 { return resize img factor by }
            let im = synth "blobs" size 16x12
            for k in 1..2 { print width((grow im by k)) }
            set iters 10
            set iters default
            show iters

            """)
        let check = try runSGS(["--check", script.path], in: folder)
        XCTAssertEqual(check.status, 0, check.errors)
        XCTAssertEqual(check.output, "")
        let run = try runSGS([script.path], in: folder)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(run.output, "16\n32\niters = 2000\n")
        for example in ["quickstart.sgs", "workshop.sgs"] {
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("stdlib/examples/\(example)").path
            let outcome = try runSGS(["--check", path], in: folder)
            XCTAssertEqual(outcome.status, 0, "\(example): \(outcome.errors)")
        }
    }

    /// The check's line numbers count the `print "ran"` line each case starts with.
    private func shifted(_ place: String) -> String {
        let parts = place.split(separator: ":").compactMap { Int($0) }
        return "\(parts[0] + 1):\(parts[1])"
    }
}
