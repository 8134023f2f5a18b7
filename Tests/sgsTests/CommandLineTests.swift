// The command line, run as a shell runs it: exit statuses, where output goes, and
// plain text (no colour, no prompts) when nothing is a terminal.
import XCTest

final class CommandLineTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    func testVersionAndHelp() throws {
        let version = try runSGS(["--version"], in: folder)
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.output.hasPrefix("sgs "), version.output)
        let help = try runSGS(["--help"], in: folder)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("usage: sgs"), help.output)
    }

    func testHelpWordShowsUsageExamplesAndDocs() throws {
        for arguments in [["help"], ["--help"], ["-h"]] {
            let outcome = try runSGS(arguments, in: folder)
            XCTAssertEqual(outcome.status, 0)
            XCTAssertTrue(outcome.output.contains("examples:"), outcome.output)
            XCTAssertTrue(outcome.output.contains("docs/"), outcome.output)
            XCTAssertTrue(outcome.output.contains("tutorial"), outcome.output)
        }
    }

    func testADirectoryIsNotAScript() throws {
        let outcome = try runSGS([folder.url.path], in: folder)
        XCTAssertEqual(outcome.status, 74)
        XCTAssertTrue(outcome.errors.contains("'\(folder.url.path)' is a directory"), outcome.errors)
        let check = try runSGS(["--check", folder.url.path], in: folder)
        XCTAssertEqual(check.status, 74)
        XCTAssertTrue(check.errors.contains("is a directory"), check.errors)
    }

    func testHelpIsWrappedToColumnsAndEightyInAPipe() throws {
        let narrow = try runSGS(["-c", "help train"], in: folder, environment: ["COLUMNS": "50"])
        XCTAssertEqual(narrow.status, 0, narrow.errors)
        XCTAssert(narrow.output.split(separator: "\n").allSatisfy { $0.count <= 50 }, narrow.output)
        let piped = try runSGS(["-c", "help train"], in: folder)
        XCTAssert(piped.output.split(separator: "\n").allSatisfy { $0.count <= 80 }, piped.output)
        XCTAssertTrue(piped.output.split(separator: "\n").contains { $0.count > 50 }, piped.output)
    }

    func testBadUsageExits64() throws {
        for arguments in [["--bogus"], ["--threads", "0"], ["--threads", "257"], ["--threads"], ["-c"], ["--seed", "x", "-c", "print 1"], ["--check"]] {
            let outcome = try runSGS(arguments, in: folder)
            XCTAssertEqual(outcome.status, 64, "\(arguments)")
            XCTAssertTrue(outcome.errors.hasPrefix("sgs: "), outcome.errors)
            XCTAssertEqual(outcome.output, "")
        }
    }

    func testStatementsWithArguments() throws {
        let outcome = try runSGS(["--threads", "1", "-c", "print 1 + 2; print args", "a", "b c"], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertEqual(outcome.output, "3\n[\"a\", \"b c\"]\n")
        XCTAssertEqual(outcome.errors, "")
    }

    /// --threads is the session's `threads` setting (so `show` and `record` see it).
    func testThreadsIsTheSetting() throws {
        let outcome = try runSGS(["--threads", "2", "-c", "show threads"], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertEqual(outcome.output, "threads = 2 (default none)\n")
    }

    func testScriptFileWithShebangAndArguments() throws {
        let script = try folder.write("hello.sgs", "#!/usr/bin/env sgs\nprint \"hello\" args\n")
        let outcome = try runSGS([script.path, "x", "--seed"], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertEqual(outcome.output, "hello [\"x\", \"--seed\"]\n")
    }

    func testSyntaxErrorExits65WithLocationAndNoColour() throws {
        let script = try folder.write("broken.sgs", "print 1\nprint (2\n")
        let outcome = try runSGS([script.path], in: folder, environment: ["TERM": "xterm-256color"])
        XCTAssertEqual(outcome.status, 65)
        XCTAssertEqual(outcome.output, "", "nothing runs when the file does not parse")
        XCTAssertTrue(outcome.errors.hasPrefix("\(script.path):2:7: error: "), outcome.errors)
        XCTAssertFalse(outcome.errors.contains("\u{1B}"), "no ANSI codes off a terminal")
    }

    func testRuntimeErrorExits70AfterEarlierOutput() throws {
        let outcome = try runSGS(["-c", "print \"before\"\nprint 1 / 0\nprint \"after\""], in: folder)
        XCTAssertEqual(outcome.status, 70)
        XCTAssertEqual(outcome.output, "before\n")
        XCTAssertTrue(outcome.errors.hasPrefix("<command line>:2:"), outcome.errors)
    }

    func testMissingFileExits74() throws {
        let outcome = try runSGS(["no-such-file.sgs"], in: folder)
        XCTAssertEqual(outcome.status, 74)
        XCTAssertTrue(outcome.errors.contains("no-such-file.sgs"), outcome.errors)
    }

    func testStandardInputWithDashAndWithout() throws {
        let dash = try runSGS(["-", "one"], input: "print args\nprint 2 * 3\n", in: folder)
        XCTAssertEqual(dash.status, 0, dash.errors)
        XCTAssertEqual(dash.output, "[\"one\"]\n6\n")
        // No terminal on standard input: a script, no prompt, no banner, stops at the first error.
        let piped = try runSGS([], input: "print 4\nprint 1 / 0\nprint 5\n", in: folder)
        XCTAssertEqual(piped.status, 70)
        XCTAssertEqual(piped.output, "4\n")
        XCTAssertTrue(piped.errors.hasPrefix("<stdin>:2:9: error: division by zero"), piped.errors)
        XCTAssertFalse(piped.output.contains("sgs>"))
    }

    func testCheckParsesWithoutRunning() throws {
        let good = try folder.write("good.sgs", "print \"ran\"\n")
        let bad = try folder.write("bad.sgs", "repeat 2 {\n  print 1\n")
        let ok = try runSGS(["--check", good.path], in: folder)
        XCTAssertEqual(ok.status, 0, ok.errors)
        XCTAssertEqual(ok.output, "", "--check does not run the script")
        let failed = try runSGS(["--check", good.path, bad.path], in: folder)
        XCTAssertEqual(failed.status, 65)
        XCTAssertTrue(failed.errors.hasPrefix("\(bad.path):"), failed.errors)
        let missing = try runSGS(["--check", "absent.sgs"], in: folder)
        XCTAssertEqual(missing.status, 74)
    }

    func testSeedAndQuiet() throws {
        let seeded = try runSGS(["--seed", "42", "-c", "show settings"], in: folder)
        XCTAssertEqual(seeded.status, 0, seeded.errors)
        XCTAssertNotNil(seeded.output.range(of: #"seed\s*=\s*42"#, options: .regularExpression), seeded.output)
        let loud = try runSGS(["-c", "print 1\nrecord \"s.sgs\""], in: folder)
        XCTAssertEqual(loud.output, "1\n", "notices are not results")
        XCTAssertTrue(loud.errors.contains("recorded 1 statement\n"), loud.errors)
        let quiet = try runSGS(["--quiet", "-c", "print 1\nrecord \"s.sgs\""], in: folder)
        XCTAssertEqual(quiet.status, 0, quiet.errors)
        XCTAssertEqual(quiet.output, "1\n", "--quiet keeps results, drops notices")
        XCTAssertEqual(quiet.errors, "")
    }

    func testCtrlCStopsAScriptWith130() throws {
        let process = Process()
        process.executableURL = try Binary.require()
        process.arguments = ["-c", "print \"started\"\nrepeat 1000000000 { let x = 1 }"]
        process.environment = Binary.environment(home: folder.url)
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = Pipe()
        try process.run()
        // Interrupt once the loop runs (the handler is installed by then).
        let started = DispatchSemaphore(value: 0)
        let reader = stdout.fileHandleForReading
        DispatchQueue.global().async {
            _ = reader.availableData
            started.signal()
        }
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success, "the script never started")
        process.interrupt()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 130)
    }
}
