import Foundation
import XCTest
import Script

final class SessionTests: XCTestCase {
    private func session(_ output: CapturedOutput = CapturedOutput(), interrupt: Interrupt = Interrupt()) -> Session {
        let session = Session(output: output, interrupt: interrupt)
        FakeHost.install(in: session, temporaryFolder: NSTemporaryDirectory())
        return session
    }

    func testDiagnosticFormatWithCaret() {
        let s = session()
        XCTAssertThrowsError(try s.run(source: "let x = makeimg 1 1\ninject x att 3", name: "walk.sgs")) { error in
            guard let error = error as? ScriptError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.rendered, """
                walk.sgs:2:10: error: 'inject' has no keyword 'att' (did you mean 'at'?)
                inject x att 3
                         ^~~
                """)
            // Found by the check before anything runs: reported as a script error.
            XCTAssertEqual(error.kind, .syntax)
            XCTAssertEqual(error.exitCode, 65)
        }
    }

    func testSyntaxErrorsHaveExitCode65AndStopBeforeRunning() {
        let output = CapturedOutput()
        let s = session(output)
        XCTAssertThrowsError(try s.run(source: "print 1\nprint \"open", name: "<stdin>")) { error in
            XCTAssertEqual((error as? ScriptError)?.exitCode, 65)
            XCTAssertEqual((error as? ScriptError)?.rendered.hasPrefix("<stdin>:2:7: error: unterminated string"), true)
        }
        XCTAssertEqual(output.lines, [])
    }

    func testReplKeepsStateAfterAnError() throws {
        let output = CapturedOutput()
        let s = session(output)
        try s.run(source: "let a = 1", name: "<stdin>")
        XCTAssertThrowsError(try s.run(source: "let b = a + nope", name: "<stdin>"))
        try s.run(source: "print a", name: "<stdin>")
        XCTAssertEqual(output.lines, ["1"])
    }

    func testEchoAndSilentStatements() throws {
        let output = CapturedOutput()
        let s = session(output)
        s.echo = true
        try s.run(source: "let img = makeimg 3 2\nimg\n1 + 2\nlen [1];\nprint \"x\"", name: "<stdin>")
        XCTAssertEqual(output.lines, ["image 3x2", "3", "x"])
        XCTAssertEqual(s.interpreter.global("ans")?.description, "1")
    }

    func testQuitStopsAndTellsTheHost() throws {
        let output = CapturedOutput()
        let s = session(output)
        try s.run(source: "print 1\nquit\nprint 2", name: "<stdin>")
        XCTAssertTrue(s.quitRequested)
        XCTAssertEqual(output.lines, ["1"])
    }

    func testInterruptStopsBetweenStatements() throws {
        let interrupt = Interrupt()
        let s = session(interrupt: interrupt)
        s.table.register(Command("ctrlc", summary: "presses Ctrl-C") { _, interpreter in
            interpreter.interrupt.request()
            return .none
        })
        let output = s.output as? CapturedOutput
        XCTAssertThrowsError(try s.run(source: "let k = 0\nrepeat 5 {\n  k = k + 1\n  ctrlc\n}\nprint k", name: "<stdin>")) { error in
            XCTAssertEqual((error as? ScriptError)?.kind, .interrupted)
            XCTAssertEqual((error as? ScriptError)?.exitCode, 130)
        }
        XCTAssertFalse(interrupt.isRequested, "the session clears the flag once it has stopped")
        try s.run(source: "print k", name: "<stdin>")
        XCTAssertEqual(output?.lines, ["1"])
    }

    func testRecordStartsWithTheSettingsInForceAtTheStart() throws {
        let s = session()
        try s.settings.set("iters", .number(50))
        try s.settings.set("seed", .number(9))
        let path = NSTemporaryDirectory() + "sgs-record-\(UUID().uuidString).sgs"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try s.run(source: "let a = 1\nhelp seed\nprint a", name: "<stdin>")
        XCTAssertThrowsError(try s.run(source: "print nope", name: "<stdin>"))
        try s.run(source: "set lr 0.1; record \"\(path)\"", name: "<stdin>")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, """
            # recorded by sgs: the statements of a session that succeeded
            set iters 50
            seed 9
            let a = 1
            print a
            set lr 0.1

            """)
    }

    func testArgsAndHostVariables() throws {
        let output = CapturedOutput()
        let s = session(output)
        s.setArguments(["a.png", "7"])
        try s.run(source: "print args len(args) args[1]", name: "<stdin>")
        XCTAssertEqual(output.lines, ["[\"a.png\", \"7\"] 2 7"])
    }

    /// A script is complete, so a def's unknown global is a typo; in the REPL a later
    /// entry may bind it before the def is called.
    func testDefBodiesMayUseGlobalsOfLaterREPLEntries() throws {
        let output = CapturedOutput()
        let script = session(output)
        XCTAssertThrowsError(try script.run(source: "def f { return later + 1 }", name: "f.sgs"))
        let repl = session(output)
        repl.echo = true
        try repl.run(source: "def f { return later + 1 }", name: "<stdin>")
        try repl.run(source: "let later = 1", name: "<stdin>")
        try repl.run(source: "print (f)", name: "<stdin>")
        XCTAssertEqual(output.lines.last, "2")
        XCTAssertThrowsError(try repl.run(source: "def g { sampel 3 }", name: "<stdin>"), "commands are still checked")
    }

    /// A file run by a computed name is checked whole before its first line runs.
    func testRunOfAComputedNameChecksTheFileFirst() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("later.sgs")
        try "print \"included ran\"\nnosuchcommand 3\n".write(to: file, atomically: true, encoding: .utf8)
        let output = CapturedOutput()
        let s = session(output)
        s.setArguments([file.path])
        XCTAssertThrowsError(try s.run(source: "print \"start\"\nrun args[0]", name: "main.sgs")) { error in
            XCTAssertEqual((error as? ScriptError)?.location?.source.name, file.path)
            XCTAssertEqual((error as? ScriptError)?.location?.line, 2)
        }
        XCTAssertEqual(output.lines, ["start"], "the run file's first line did not run")
    }

    func testCheckParsesWithoutRunning() {
        let output = CapturedOutput()
        let s = session(output)
        XCTAssertThrowsError(try s.check(source: "print 1\nnosuchcommand 3", name: "x.sgs")) { error in
            XCTAssertEqual((error as? ScriptError)?.location?.line, 2)
        }
        XCTAssertNoThrow(try s.check(source: "print 1\nlet x = 2\nprint x", name: "x.sgs"))
        XCTAssertThrowsError(try s.check(source: "repeat 2 {", name: "x.sgs"))
        XCTAssertEqual(output.lines, [])
    }

    func testHelpOverviewListsEveryCommand() throws {
        let output = CapturedOutput()
        let s = session(output)
        try s.run(source: "help", name: "<stdin>")
        let text = output.lines.joined(separator: "\n")
        for name in s.table.names { XCTAssertTrue(text.contains(name), "help misses \(name)") }
    }

    func testSettingsChangesReachTheHost() throws {
        let s = session()
        var seen: [String] = []
        s.settings.onChange = { name, value in seen.append("\(name)=\(value)") }
        try s.run(source: "seed 4\nset lr 0.5", name: "<stdin>")
        XCTAssertEqual(seen, ["seed=4", "lr=0.5"])
        XCTAssertEqual(s.interpreter.seed, 4)
    }
}

extension SessionTests {
    func testOneOfTypesAndInfoOutput() throws {
        let output = CapturedOutput()
        let s = session(output)
        s.table.register(Command("describe", positional: [Parameter("x", .oneOf([.image, .size]))],
                                 summary: "an image or a size") { arguments, interpreter in
            interpreter.output.info("got \(arguments["x"])")
            return .none
        })
        try s.run(source: "describe 2x1\ndescribe (makeimg 1 2)", name: "<stdin>")
        XCTAssertEqual(output.lines, ["got 2x1", "got image 1x2"])
        XCTAssertThrowsError(try s.run(source: "describe 3", name: "<stdin>")) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "'describe' expects an image or a size for X, got a number")
        }
    }

    func testColouredDiagnostic() {
        XCTAssertThrowsError(try session().run(source: "nope", name: "<stdin>")) { error in
            let text = (error as? ScriptError)?.rendered(color: true) ?? ""
            XCTAssertTrue(text.contains("\u{1B}[31merror:"))
            XCTAssertTrue(text.contains("^~~~"))
        }
    }
}

extension SessionTests {
    func testTheHostCanShowResultsItself() throws {
        let output = CapturedOutput()
        let s = session(output)
        s.echo = true
        var shown: [String] = []
        s.showResult = { shown.append("preview \($0)") }
        try s.run(source: "makeimg 2 2\nmakeimg 3 3;\nprint 1", name: "<stdin>")
        XCTAssertEqual(shown, ["preview image 2x2"])
        XCTAssertEqual(output.lines, ["1"])
    }
}
