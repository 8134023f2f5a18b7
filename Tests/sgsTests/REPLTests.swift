// The REPL through a pseudo-terminal: prompts, completion, history across starts,
// Ctrl-C and Ctrl-D, multi-line blocks.
import XCTest

final class REPLTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    private func start(_ arguments: [String] = [], color: Bool = false) throws -> PseudoTerminal {
        var environment = Binary.environment(home: folder.url, extra: [
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path, "NO_COLOR": "1",
        ])
        if color { environment["NO_COLOR"] = nil }
        let terminal = try PseudoTerminal(arguments: arguments, environment: environment)
        terminal.expectPrompt()
        return terminal
    }

    private func leave(_ terminal: PseudoTerminal, file: StaticString = #filePath, line: UInt = #line) {
        terminal.send("\u{04}")
        XCTAssertEqual(terminal.waitForExit(), 0, "Ctrl-D on an empty line exits 0", file: file, line: line)
    }

    func testPromptEvaluationAndCtrlD() throws {
        let terminal = try start()
        terminal.send("print 6 * 7\r")
        terminal.expect("42")
        terminal.expectPrompt()
        terminal.send("1 + 1\r")  // the REPL echoes results
        terminal.expect("2\r\n")
        terminal.expectPrompt()
        leave(terminal)
    }

    func testTabCompletesACommandPrefix() throws {
        let terminal = try start()
        terminal.send("hel\t")
        terminal.send("\r")
        terminal.expect("commands (")
        terminal.expectPrompt()
        leave(terminal)
    }

    func testTabCompletesAFileNameWithTheWantedExtension() throws {
        _ = try folder.write("walkthrough.sgs", "print \"walked\"\n")
        _ = try folder.write("walkthrough.txt", "")
        let terminal = try start()
        terminal.send("run \"\(folder.url.path)/walk\t")
        terminal.send("\r")
        terminal.expect("walked")
        terminal.expectPrompt()
        leave(terminal)
    }

    func testHistoryIsKeptAcrossStarts() throws {
        let first = try start()
        first.send("print \"remember-me\"\r")
        first.expect("remember-me")
        first.expectPrompt()
        leave(first)
        let file = folder.url.appendingPathComponent("state/sgs/history")
        let saved = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(saved.contains("print \"remember-me\""), saved)

        let second = try start()
        second.send("history\r")
        second.expect("1  print \"remember-me\"")
        second.expectPrompt()
        second.send("\u{1B}[A\u{1B}[A\r")  // up twice: past `history` to the first line
        second.expect("remember-me")
        second.expectPrompt()
        second.send("!1\r")  // entry 1 again, shown before it runs
        second.expect("print \"remember-me\"\r\nremember-me\r\n")
        second.expectPrompt()
        second.send("history ?print\r")
        second.expect("1  print \"remember-me\"")
        second.expectPrompt()
        leave(second)
    }

    func testMultiLineStatementIsOneHistoryEntryAndExitLeaves() throws {
        let terminal = try start()
        terminal.send("repeat 2 {\r")
        terminal.send("print \"twice\"\r")
        terminal.send("}\r")
        terminal.expect("twice\r\ntwice\r\n")
        terminal.expectPrompt()
        terminal.send("history 5\r")
        terminal.expect("1  repeat 2 {")
        terminal.expectPrompt()
        terminal.send("help history\r")
        terminal.expect("history matching")
        terminal.expectPrompt()
        terminal.send("exit\r")
        XCTAssertEqual(terminal.waitForExit(), 0, "exit leaves like quit")
        let saved = try String(contentsOf: folder.url.appendingPathComponent("state/sgs/history"), encoding: .utf8)
        XCTAssertTrue(saved.hasPrefix("repeat 2 {\\n  print \"twice\"\\n}\n") || saved.hasPrefix("repeat 2 {\\nprint \"twice\"\\n}\n"),
                      saved)
    }

    /// A block typed over several lines is checked whole before any of it runs.
    func testABlockIsCheckedBeforeAnyOfItRuns() throws {
        let terminal = try start()
        terminal.send("if true {\r")
        terminal.send("set iters 7\r")
        terminal.send("sampel 3\r")
        terminal.send("}\r")
        terminal.expect("error: unknown command 'sampel' (did you mean 'sample'?)")
        terminal.expectPrompt()
        terminal.send("show iters\r")
        terminal.expect("iters = 2000\r\n")  // the block's first line did not run
        terminal.expectPrompt()
        leave(terminal)
    }

    func testCtrlCAtThePromptClearsTheLine() throws {
        let terminal = try start()
        terminal.send("print \"typed but dropped\"")
        terminal.expect("dropped\"")  // libedit echoed it: it is reading, in raw mode
        terminal.send("\u{03}")
        terminal.expectPrompt()
        terminal.send("print \"still\" \"here\"\r")
        terminal.expect("still here")
        terminal.expectPrompt()
        XCTAssertFalse(terminal.pending.contains("typed but dropped"), "the cleared line did not run")
        leave(terminal)
    }

    func testCtrlCStopsALongCommandAndKeepsTheSession() throws {
        let terminal = try start()
        terminal.send("let kept = 5\r")
        terminal.expectPrompt()
        terminal.send("print \"looping\"; repeat 1000000000 { let x = 1 }\r")
        terminal.expect("looping\r\n")  // the output, not the echo of the typed line
        terminal.send("\u{03}")
        terminal.expect("interrupted")
        terminal.expectPrompt()
        terminal.send("print kept\r")
        terminal.expect("5")
        terminal.expectPrompt()
        leave(terminal)
    }

    func testMultiLineBlockWithContinuationPrompt() throws {
        let terminal = try start()
        terminal.send("repeat 2 {\r")
        terminal.expectPrompt("...> ")
        terminal.send("print \"inside\"\r")
        terminal.expectPrompt("...> ")
        terminal.send("}\r")
        terminal.expect("inside\r\ninside\r\n")
        terminal.expectPrompt()
        leave(terminal)
    }

    func testErrorsAreColouredOnlyWithoutNoColor() throws {
        let coloured = try start(color: true)
        coloured.send("nosuch 1\r")
        coloured.expect("<stdin>:1:1: \u{1B}[31merror:")
        coloured.expectPrompt()
        leave(coloured)
        let plain = try start()
        plain.send("nosuch 1\r")
        plain.expect("<stdin>:1:1: error: unknown command 'nosuch'")
        plain.expectPrompt()
        leave(plain)
    }

    func testPastedPromptIsStripped() throws {
        let terminal = try start()
        terminal.send("sgs> print 8 + 1\r")
        terminal.expect("9\r\n")
        terminal.expectPrompt()
        leave(terminal)
    }
}

/// Ctrl-C in the REPL while `train` runs. (It used to skip itself when `help train` failed,
/// which hid a broken `help train`; now that is a failure of its own.)
final class REPLTrainingTests: XCTestCase {
    func testCtrlCDuringTrainingKeepsTheFinishedScales() throws {
        let folder = try TemporaryFolder()
        let help = try runSGS(["-c", "help train"], in: folder)
        XCTAssertEqual(help.status, 0, help.errors)
        XCTAssertTrue(help.output.hasPrefix("train [scale K]"), help.output)
        let environment = Binary.environment(home: folder.url, extra: [
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path, "NO_COLOR": "1",
        ])
        let terminal = try PseudoTerminal(environment: environment)
        terminal.expectPrompt()
        terminal.send("seed 7; set channels 8; set maxchannels 8; set iters 10\r")
        terminal.expectPrompt()
        terminal.send("let photo = synth landscape size 48x32;\r")
        terminal.expectPrompt()
        terminal.send("pyramid photo min 20 max 48\r")
        terminal.expect("n = 3")
        // The first estimate on a machine measures its speed (about a second when idle).
        terminal.expect("estimated training time: ", timeout: 60)
        terminal.expectPrompt()
        terminal.send("train\r")
        terminal.expect("training scales 3...0: about ")
        terminal.expect("scale 2 (2/4)", timeout: 20)  // the coarsest scale is done
        terminal.send("\u{03}")
        terminal.expect("interrupted at scale", timeout: 10)
        terminal.expectPrompt()
        terminal.send("print n\r")
        terminal.expect("3\r\n")
        terminal.expectPrompt()
        terminal.send("\u{04}")
        XCTAssertEqual(terminal.waitForExit(), 0)
    }
}
