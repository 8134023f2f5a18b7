// Stopping is safe whatever stops it: SIGTERM (kill, Slurm) stops training between
// iterations with status 143 and the finished scales on disk, the same script run again
// resumes from them, and a SIGKILL in the middle of a save leaves the previous file whole.
// These run the real binary on a tiny model (4 scales of at most 32x24, 4 channels).
import Foundation
import XCTest

final class ResumeTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    /// Trains a 4-scale model into `args[0]/model.sgm`, resumably.
    private static let script = """
        seed 3
        set channels 4
        set maxchannels 4
        set iters 30
        let out = args[0]
        let photo = synth landscape size 32x24
        pyramid photo min 16 max 32
        train into "{out}/model.sgm"
        print "trained"
        """

    func testSIGTERMStopsTrainingWith143AndTheRerunResumes() throws {
        let script = try folder.write("train.sgs", Self.script)
        let whole = try runSGS([script.path, "whole"], in: folder, timeout: 300)
        XCTAssertEqual(whole.status, 0, whole.errors)
        let wholeScales = try trainedScales("whole/model.sgm")
        XCTAssertEqual(wholeScales, "4 scales, 4 trained")

        let stopped = try Running([script.path, "part"], in: folder)
        // The first checkpoint appears when the coarsest scale is done; three remain.
        XCTAssertTrue(waitFor(folder.url.appendingPathComponent("part/model.sgm").path, while: stopped.process, timeout: 300))
        stopped.process.terminate()  // SIGTERM
        let status = stopped.wait(timeout: 60)
        XCTAssertEqual(status, 143, stopped.errors)
        XCTAssertTrue(stopped.errors.contains("interrupted at scale"), stopped.errors)
        XCTAssertTrue(stopped.errors.contains(" saved to part/model.sgm"), stopped.errors)
        let partial = try trainedScales("part/model.sgm")
        XCTAssertNotEqual(partial, wholeScales, "the signal came after training ended")

        let rerun = try runSGS([script.path, "part"], in: folder, timeout: 300)
        XCTAssertEqual(rerun.status, 0, rerun.errors)
        XCTAssertTrue(rerun.errors.contains("resuming from part/model.sgm"), rerun.errors)  // a notice: stderr
        XCTAssertEqual(try trainedScales("part/model.sgm"), wholeScales)
        // The checkpoint keeps the generator's state: the resumed run is the uninterrupted one.
        let uninterrupted = try Data(contentsOf: folder.url.appendingPathComponent("whole/model.sgm"))
        let resumed = try Data(contentsOf: folder.url.appendingPathComponent("part/model.sgm"))
        XCTAssertTrue(uninterrupted == resumed, "the resumed model differs from the uninterrupted one")
    }

    func testACheckpointOfAnotherImageIsRefused() throws {
        let script = try folder.write("train.sgs", Self.script.replacingOccurrences(of: "set iters 30", with: "set iters 2"))
        XCTAssertEqual(try runSGS([script.path, "a"], in: folder, timeout: 300).status, 0)
        let other = try folder.write("other.sgs", Self.script.replacingOccurrences(of: "landscape", with: "blobs"))
        let outcome = try runSGS([other.path, "a"], in: folder, timeout: 300)
        XCTAssertEqual(outcome.status, 70)
        XCTAssertTrue(outcome.errors.contains("checkpoint a/model.sgm holds another model (trained on another image"),
                      outcome.errors)
    }

    func testSIGTERMStopsAScriptWith143() throws {
        let running = try Running(["-c", "print \"started\"\nrepeat 1000000000 { let x = 1 }"], in: folder)
        XCTAssertTrue(running.waitForOutput(timeout: 10), "the script never started")
        running.process.terminate()
        XCTAssertEqual(running.wait(timeout: 10), 143)
    }

    func testTheCheckpointSettingResumesEveryTrain() throws {
        let start = Self.script.replacingOccurrences(of: "set iters 30", with: "set iters 2\nset checkpoint \"c.sgm\"")
            .replacingOccurrences(of: "train into \"{out}/model.sgm\"", with: "train upto 2")
        let first = try runSGS([try folder.write("first.sgs", start).path, "unused"], in: folder, timeout: 300)
        XCTAssertEqual(first.status, 0, first.errors)
        XCTAssertEqual(try trainedScales("c.sgm"), "4 scales, 2 trained")
        let rest = try runSGS([try folder.write("rest.sgs", start.replacingOccurrences(of: "train upto 2", with: "train")).path,
                               "unused"], in: folder, timeout: 300)
        XCTAssertEqual(rest.status, 0, rest.errors)
        XCTAssertTrue(rest.errors.contains("resuming from c.sgm: 2 of 4 scales trained"), rest.errors)
        XCTAssertEqual(try trainedScales("c.sgm"), "4 scales, 4 trained")
    }

    func testSIGTERMLeavesTheREPLWith143AtThePromptAndDuringACommand() throws {
        for during in [false, true] {
            let environment = Binary.environment(home: folder.url, extra: [
                "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path, "NO_COLOR": "1",
            ])
            let terminal = try PseudoTerminal(environment: environment)
            terminal.expectPrompt()
            if during {
                terminal.send("print \"looping\"; repeat 1000000000 { let x = 1 }\r")
                terminal.expect("looping\r\n")  // the output, not the echo of the line
            }
            terminal.signal(SIGTERM)
            XCTAssertEqual(terminal.waitForExit(timeout: 10), 143, during ? "during a command" : "at the prompt")
        }
    }

    func testSIGKILLDuringASaveLeavesTheModelFileWhole() throws {
        let script = try folder.write("saves.sgs", Self.script.replacingOccurrences(of: "set iters 30", with: "set iters 2")
            .replacingOccurrences(of: "train into \"{out}/model.sgm\"", with: "train\nsave model \"m.sgm\"")
            + "\nrepeat 1000000 { save model \"m.sgm\" }\n")
        let model = folder.url.appendingPathComponent("m.sgm").path
        // Kills land at different points of the write-fsync-rename cycle.
        for delay: useconds_t in [0, 7_000, 23_000, 61_000] {
            let running = try Running(["-q", script.path, "unused"], in: folder)
            XCTAssertTrue(waitFor(model, while: running.process, timeout: 300))
            usleep(delay)
            kill(running.process.processIdentifier, SIGKILL)
            _ = running.wait(timeout: 10)
            XCTAssertEqual(running.process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(try trainedScales("m.sgm"), "4 scales, 4 trained", "after a SIGKILL \(delay) us into the saves")
            try FileManager.default.removeItem(atPath: model)
        }
    }

    /// `model NAME 4 scales, 4 trained`, as `print` shows a loaded model, without the name.
    private func trainedScales(_ file: String) throws -> String {
        let outcome = try runSGS(["-c", "print (load model \"\(file)\")"], in: folder, timeout: 60)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        guard let range = outcome.output.range(of: #"\d+ scales, \d+ trained"#, options: .regularExpression) else {
            XCTFail("no model summary in \(outcome.output)")
            return ""
        }
        return String(outcome.output[range])
    }

    /// True once `path` exists; false when `process` ends first or time runs out.
    private func waitFor(_ path: String, while process: Process, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: path) {
            if Date() > deadline || !process.isRunning { return false }
            usleep(2_000)
        }
        return true
    }
}
