// The executable's pure parts, tested directly: option parsing, escape sequences for
// inline images, the progress line, the history file format, file-name completion.
// Needs the sgsTests target to depend on the sgs executable (Package.swift).
@testable import sgs
import XCTest

final class OptionsTests: XCTestCase {
    func testModesAndArguments() throws {
        XCTAssertEqual(try Options.parse([]).mode, .repl)
        XCTAssertEqual(try Options.parse(["run.sgs", "-q", "x"]), Options(mode: .file("run.sgs"), arguments: ["-q", "x"]))
        let options = try Options.parse(["--threads=2", "--seed", "9", "-q", "-", "a"])
        XCTAssertEqual(options, Options(mode: .standardInput, arguments: ["a"], threads: 2, seed: 9, quiet: true))
        XCTAssertEqual(try Options.parse(["-c", "print 1", "z"]), Options(mode: .statements("print 1"), arguments: ["z"]))
        XCTAssertEqual(try Options.parse(["--check", "a.sgs", "b.sgs"]).mode, .check(["a.sgs", "b.sgs"]))
        XCTAssertEqual(try Options.parse(["--", "-odd.sgs"]).mode, .file("-odd.sgs"))
        XCTAssertEqual(try Options.parse(["--version", "--bogus"]).mode, .version)
        for bad in [["--bogus"], ["--seed"], ["--seed", "-1"], ["--threads", "many"], ["--check"], ["-c"]] {
            XCTAssertThrowsError(try Options.parse(bad), "\(bad)")
        }
    }
}

final class InlineImageTests: XCTestCase {
    func testTerminalDetection() {
        XCTAssertEqual(InlineImage.kind(environment: ["TERM": "xterm-kitty"]), .kitty)
        XCTAssertEqual(InlineImage.kind(environment: ["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"]), .kitty)
        XCTAssertEqual(InlineImage.kind(environment: ["TERM_PROGRAM": "iTerm.app"]), .iTerm)
        XCTAssertEqual(InlineImage.kind(environment: ["TERM_PROGRAM": "WezTerm"]), .iTerm)
        XCTAssertNil(InlineImage.kind(environment: ["TERM": "xterm-256color"]))
        XCTAssertNil(InlineImage.kind(environment: ["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"]))
    }

    func testKittySendsTheAbsolutePathInBase64() {
        XCTAssertEqual(InlineImage.kittySequence(path: "/tmp/a.png"),
                       "\u{1B}_Ga=T,f=100,t=f,q=2;L3RtcC9hLnBuZw==\u{1B}\\")
    }

    func testITermSendsSizeAndBytes() {
        XCTAssertEqual(InlineImage.iTermSequence(data: Data([0x89, 0x50, 0x4E, 0x47])),
                       "\u{1B}]1337;File=inline=1;size=4:iVBORw==\u{07}")
    }
}

final class ProgressTests: XCTestCase {
    func testLine() {
        let line = ProgressDisplay.line(scale: 6, iteration: 812, iterations: 2000, lossD: 0.12, lossG: -0.3,
                                        lossRec: 0.05, seconds: 66, coarsest: 8)
        XCTAssertEqual(line, "scale 6 (3/9) [####......] 812/2000  D 0.12 G -0.3 rec 0.05  12.3 it/s  ETA 1m37s")
        let withRun = ProgressDisplay.line(scale: 6, iteration: 812, iterations: 2000, lossD: 0.12, lossG: -0.3,
                                           lossRec: 0.05, seconds: 66, coarsest: 8, runLeft: 600)
        XCTAssertTrue(withRun.hasSuffix("ETA 1m37s (run 10m00s)"), withRun)
        let done = ProgressDisplay.line(scale: 0, iteration: 10, iterations: 10, lossD: 1, lossG: 2, lossRec: 0.001234,
                                        seconds: 4, coarsest: 8)
        XCTAssertEqual(done, "scale 0 (9/9) [##########] 10/10  D 1 G 2 rec 0.00123  2.5 it/s  4s")
    }

    func testDurations() {
        XCTAssertEqual(ProgressDisplay.duration(45.4), "45s")
        XCTAssertEqual(ProgressDisplay.duration(70), "1m10s")
        XCTAssertEqual(ProgressDisplay.duration(7500), "2h05m")
        XCTAssertEqual(ProgressDisplay.duration(.infinity), "?")
    }

    func testPlainLinesAreThrottledAndNeverRedrawn() throws {
        var descriptors: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&descriptors), 0)
        let display = ProgressDisplay(descriptor: descriptors[1], redraws: false, interval: 5)
        for iteration in 1...100 {
            display.update(scale: 2, iteration: iteration, iterations: 100, lossD: 0, lossG: 0, lossRec: 0,
                           seconds: Double(iteration) * 0.1, coarsest: 2)
        }
        close(descriptors[1])
        let text = String(decoding: FileHandle(fileDescriptor: descriptors[0], closeOnDealloc: true).readDataToEndOfFile(),
                          as: UTF8.self)
        XCTAssertFalse(text.contains("\r"))
        // The first iteration, one every 5 s (at 5.1 s), and the last.
        XCTAssertEqual(text.split(separator: "\n").map { $0.split(separator: " ")[4] }, ["1/100", "51/100", "100/100"])
    }
}

final class HistoryTests: XCTestCase {
    func testDuplicatesBlanksAndRoundTrip() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("state/sgs/history").path
        let history = History(path: path)
        XCTAssertTrue(history.add("print 1"))
        XCTAssertFalse(history.add("print 1"), "a repeated line is dropped")
        XCTAssertFalse(history.add("   "), "blank lines are not kept")
        XCTAssertTrue(history.add("print \"a\\\\b\""))
        XCTAssertTrue(history.add("print 1"), "only consecutive repeats are dropped")

        let reread = History(path: path)
        reread.load()
        XCTAssertEqual(reread.entries, history.entries)
        XCTAssertEqual(reread.listing(last: 2), ["2  print \"a\\\\b\"", "3  print 1"])
        XCTAssertEqual(reread.listing(prefix: "print 1"), ["1  print 1", "3  print 1"])
        XCTAssertEqual(reread.entry(3), "print 1")
        XCTAssertNil(reread.entry(0))
        XCTAssertNil(reread.entry(4))
    }

    func testCappedAtTheNewest() {
        let history = History(path: nil)
        for n in 0...History.limit { history.add("let x = \(n)") }
        XCTAssertEqual(history.entries.count, History.limit)
        XCTAssertEqual(history.entries.first, "let x = 1")
        XCTAssertEqual(history.listing(last: 1), ["1000  let x = 1000"])
        XCTAssertEqual(history.listing(last: 2).first, " 999  let x = 999")
    }

    func testEscapingKeepsNewlinesAndBackslashes() {
        for line in ["a\\nb", "x\ny", "\\", "plain"] {
            XCTAssertEqual(History.unescape(History.escape(line)), line)
            XCTAssertFalse(History.escape(line).contains("\n"))
        }
    }

    func testDefaultPath() {
        XCTAssertEqual(History.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]), "/s/sgs/history")
        XCTAssertEqual(History.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]),
                       "/h/.local/state/sgs/history")
        XCTAssertNil(History.defaultPath(environment: [:]))
    }
}

final class CompletionTests: XCTestCase {
    func testFileNamesFilteredByExtension() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("scene.png", "")
        _ = try folder.write("script.sgs", "")
        _ = try folder.write(".hidden.png", "")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("shots"),
                                                withIntermediateDirectories: true)
        let base = folder.url.path + "/"
        XCTAssertEqual(Completer.paths(matching: base + "s", extensions: ["png"]), [base + "scene.png", base + "shots/"])
        XCTAssertEqual(Completer.paths(matching: base + "s", extensions: []),
                       [base + "scene.png", base + "script.sgs", base + "shots/"])
        XCTAssertEqual(Completer.paths(matching: base + ".", extensions: ["png"]), [base + ".hidden.png"])
    }

    func testAlignmentToTheEditorsWord() {
        let completion = TabCompletion(start: 6, candidates: ["help", "hello"])
        XCTAssertEqual(Completer.aligned(completion, line: "print hel", editorStart: 6), ["help", "hello"])
        let operand = TabCompletion(start: 2, candidates: ["help"])
        XCTAssertEqual(Completer.aligned(operand, line: "x+hel", editorStart: 0), ["x+help"])
        XCTAssertEqual(Completer.aligned(completion, line: "print hel", editorStart: 7), ["elp", "ello"])
        XCTAssertEqual(Completer.commonPrefix(["help", "hello"]), "hel")
        let afterString = TabCompletion(start: 12, candidates: ["args", "n"])
        XCTAssertEqual(Completer.aligned(afterString, line: "run \"a.sgs\" ", editorStart: 5), [])
    }

    func testHistoryReferences() {
        XCTAssertEqual(REPL.historyReference("!12"), 12)
        XCTAssertEqual(REPL.historyReference(" !3 "), 3)
        XCTAssertNil(REPL.historyReference("!x"))
        XCTAssertNil(REPL.historyReference("!0"))
        XCTAssertNil(REPL.historyReference("print !1"))
    }

    func testPastedPromptsAreStripped() {
        XCTAssertEqual(REPL.strippingPastedPrompt("sgs> print 1"), "print 1")
        XCTAssertEqual(REPL.strippingPastedPrompt("...> }"), "}")
        XCTAssertEqual(REPL.strippingPastedPrompt("print 1"), "print 1")
    }
}
