// What a new user hit first, on the real binary: where notices go, errors inside the
// standard library, usage of the example scripts, exit statuses, script arguments.
import XCTest

final class RoughEdgesTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testWorkshopWithoutArgumentsPrintsUsageAndExits64() throws {
        let outcome = try runSGS([repository.appendingPathComponent("stdlib/examples/workshop.sgs").path], in: folder)
        XCTAssertEqual(outcome.status, 64)
        XCTAssertEqual(outcome.output, "")
        XCTAssertEqual(outcome.errors, "usage: sgs workshop.sgs IMAGE.png [OUTPUT-FOLDER]\n")
    }

    func testExitStatusAndQuit() throws {
        XCTAssertEqual(try runSGS(["-c", "print 1\nexit 3\nprint 2"], in: folder).status, 3)
        let quit = try runSGS(["-c", "print 1\nquit\nprint 2"], in: folder)
        XCTAssertEqual(quit.status, 0)
        XCTAssertEqual(quit.output, "1\n")
    }

    /// `fail` inside a stdlib command points at the user's line, the stdlib line as a note.
    func testErrorInsideTheStandardLibraryIsReportedAtTheCall() throws {
        let script = try folder.write("e.sgs", "let im = synth \"blobs\" size 16x12\nedit im\n")
        let outcome = try runSGS([script.path], in: folder)
        XCTAssertEqual(outcome.status, 70)
        let lines = outcome.errors.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("\(script.path):2:1: error: edit needs 'mask M' (white where the image was edited)"),
                      outcome.errors)
        XCTAssertTrue(lines.contains("edit im"), outcome.errors)
        XCTAssertTrue(lines.contains { $0.hasSuffix(": note: raised here, in the standard library's 'edit'")
                                       && $0.contains("stdlib/edit.sgs:") }, outcome.errors)
    }

    /// Standard output carries only what the script prints: notices go to standard error.
    func testNoticesGoToStandardError() throws {
        let outcome = try runSGS(["-c", "let im = synth \"blobs\" size 16x12\nsave im \"a.png\"\nprint \"done\""], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertEqual(outcome.output, "done\n")
        XCTAssertTrue(outcome.errors.contains("a.png"), outcome.errors)
    }

    /// gnuplot's habits: `set` lists, `set KEY default` and `reset` restore, `show KEY` shows one.
    func testSettingsRestoreAndShow() throws {
        let outcome = try runSGS(["-c", "set iters 7\nshow iters\nset iters default\nshow iters\nset lr 0.1\nseed 3\n"
                                  + "reset\nshow lrg\nlet a = synth blobs size 8x8\nset\n"], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), ["iters = 7 (default 2000)", "iters = 2000", "lrg = 0.0005"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("iters") && $0.contains("= 2000") }, "set alone lists: \(lines)")
        XCTAssertTrue(outcome.errors.contains("(set one with 'seed N')"), "reset forgets the seed: \(outcome.errors)")
    }

    func testNumberConvertsScriptArguments() throws {
        let outcome = try runSGS(["-c", "print number(args[0]) + 1\nprint type(args[0])", "5"], in: folder)
        XCTAssertEqual(outcome.output, "6\nstring\n", outcome.errors)
        let bad = try runSGS(["-c", "print number(args[0])", "five"], in: folder)
        XCTAssertEqual(bad.status, 70)
        XCTAssertTrue(bad.errors.contains("'number' cannot read \"five\" as a number"), bad.errors)
    }
}
