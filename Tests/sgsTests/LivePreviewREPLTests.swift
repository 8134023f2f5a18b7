// The live training preview in a real REPL on a terminal that shows images (kitty here):
// `train` sends the picture of the scale in training inline, without being asked; the
// same script off a terminal sends none.
import XCTest

final class LivePreviewREPLTests: XCTestCase {
    func testTrainingInTheREPLShowsTheScaleInlineOnAnImageTerminal() throws {
        let folder = try TemporaryFolder()
        let environment = Binary.environment(home: folder.url, extra: [
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path, "NO_COLOR": "1",
            "TERM": "xterm-kitty", "XDG_RUNTIME_DIR": folder.url.path,
        ])
        let terminal = try PseudoTerminal(environment: environment)
        terminal.expectPrompt()
        terminal.send("seed 7; set channels 8; set maxchannels 8; set iters 30; set preview 0.01\r")
        terminal.expectPrompt()
        terminal.send("pyramid (synth landscape size 32x24) min 16 max 32 scales 2;\r")
        terminal.expectPrompt()
        terminal.send("train\r")
        XCTAssertTrue(terminal.expect("\u{1B}_Ga=T,f=100", timeout: 60), "a kitty image sequence during training")
        terminal.expectPrompt(timeout: 120)
        terminal.send("\u{04}")
        XCTAssertEqual(terminal.waitForExit(), 0)
        let previews = (try? FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("sgs").path)) ?? []
        XCTAssertTrue(previews.contains { $0.contains("-training-") }, "\(previews)")
    }

    func testAScriptOnTheSameTerminalShowsNoneByDefault() throws {
        let folder = try TemporaryFolder()
        let script = try folder.write("t.sgs", """
            seed 7
            set channels 8
            set iters 5
            pyramid (synth landscape size 32x24) min 16 max 32 scales 2;
            train
            """)
        let outcome = try runSGS([script.path], in: folder, environment: ["TERM": "xterm-kitty", "XDG_RUNTIME_DIR": folder.url.path],
                                 timeout: 120)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("sgs").path), "no previews written")
    }
}
