// The real bindings end to end: Ctrl-C during training, determinism, the design's
// session as written, and the hooks the REPL uses.
import Foundation
import XCTest
import SGSCommands
import Script

final class SGSSessionTests: XCTestCase {
    static let tiny = "seed 1\nset channels 8\nset iters 10\n"

    func testInterruptDuringTrainingKeepsFinishedScalesAndCheckpoints() throws {
        let folder = try SGSTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interrupt = Interrupt()
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, interrupt: interrupt, temporaryFolder: folder.path)
        var seen: [(Int, Int)] = []
        sgs.trainingProgress = { status in
            seen.append((status.scale, status.iteration))
            if status.scale == 1 && status.iteration == 3 { interrupt.request() }
        }
        let script = Self.tiny + """
            set iters 5
            let m = pyramid (synth stripes size 40x30) min 16 max 40 scales 3;
            save model "{tmp}/m.sgm"
            train
            """
        XCTAssertThrowsError(try sgs.session.run(source: script, name: "interrupt.sgs")) { error in
            guard let error = error as? ScriptError else { return XCTFail("not a ScriptError: \(error)") }
            XCTAssertEqual(error.kind, .interrupted)
            XCTAssertEqual(error.exitCode, 130)
            XCTAssertTrue(error.message.hasPrefix("interrupted at scale 1, iteration 3; 1 trained scale saved to "), error.message)
            XCTAssertTrue(error.message.hasSuffix("/m.sgm"), error.message)
        }
        XCTAssertEqual(seen.last.map { [$0.0, $0.1] }, [1, 3])
        XCTAssertEqual(seen.filter { $0.0 == 2 }.count, 5)
        // The session keeps the finished scale; the checkpoint has it too.
        let other = CapturedOutput()
        try SGSTesting.session(output: other, temporaryFolder: folder.path).session
            .run(source: "print (load model \"{tmp}/m.sgm\")", name: "checkpoint.sgs")
        XCTAssertEqual(other.lines, ["model stripes 3 scales, 1 trained"])
        try sgs.session.run(source: "print m", name: "after.sgs")
        XCTAssertEqual(output.lines.last, "model stripes 3 scales, 1 trained")
        // Training continues from the interrupted scale.
        sgs.trainingProgress = { _ in }
        try sgs.session.run(source: "train\nprint m", name: "resume.sgs")
        XCTAssertEqual(output.lines.last, "model stripes 3 scales, 3 trained")
    }

    func testSameSeedSameScriptSameBytes() throws {
        let script = Self.tiny + """
            set iters 4
            let photo = synth landscape size 36x24
            pyramid photo min 16 max 36 scales 2;
            train
            sample 2 into "{tmp}/s_{i}.png"
            reconstruct into "{tmp}/r.png"
            walk z steps 3 into "{tmp}/walk.gif"
            save model "{tmp}/m.sgm"
            print rmse(photo, (load "{tmp}/r.png")) < 1
            """
        var runs: [([String], [Data])] = []
        for _ in 0..<2 {
            let folder = try SGSTesting.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = CapturedOutput()
            let sgs = SGSTesting.session(output: output, temporaryFolder: folder.path)
            try sgs.session.run(source: script, name: "determinism.sgs")
            let files = try ["s_0.png", "s_1.png", "r.png", "walk.gif", "m.sgm"].map {
                try Data(contentsOf: folder.appendingPathComponent($0))
            }
            runs.append((output.lines, files))
        }
        XCTAssertEqual(runs[0].0, runs[1].0)
        XCTAssertEqual(runs[0].1, runs[1].1, "the same seed and script must write the same bytes")
        XCTAssertNotEqual(runs[0].1[0], runs[0].1[1], "two samples should differ")
    }

    func testUnseededSessionChoosesAndPrintsASeed() throws {
        let folder = try SGSTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder.path)
        try sgs.session.run(source: "let a = synth blobs size 8x8\nlet b = synth blobs size 8x8", name: "seed.sgs")
        XCTAssertEqual(output.lines.count, 1)
        XCTAssert(output.lines[0].hasPrefix("seed ") && output.lines[0].hasSuffix(" (set one with 'seed N')"), output.lines[0])
        // record keeps the chosen seed, so the recorded script draws the same pixels.
        let seedLine = String(output.lines[0].prefix { $0 != "(" }.dropLast())
        try sgs.session.run(source: "record \"{tmp}/s.sgs\"", name: "record.sgs")
        let recorded = try String(contentsOf: folder.appendingPathComponent("s.sgs"), encoding: .utf8)
        XCTAssertEqual(recorded.split(separator: "\n").dropFirst().map(String.init),
                       [seedLine, "let a = synth blobs size 8x8", "let b = synth blobs size 8x8"])
    }

    func testShowCallsThePreviewHook() throws {
        let folder = try SGSTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sgs = SGSTesting.session(output: CapturedOutput(), temporaryFolder: folder.path)
        var shown: [String] = []
        sgs.showPreview = { shown.append($0) }
        try sgs.session.run(source: "seed 3\nshow (synth blobs size 30x20)", name: "show.sgs")
        XCTAssertEqual(shown.count, 1)
        XCTAssert(FileManager.default.fileExists(atPath: shown[0]))
        // The REPL's showResult can preview image results the same way.
        let result = try sgs.session.run(source: "synth stripes size 16x8", name: "result.sgs")
        let path = try XCTUnwrap(try sgs.writePreview(of: result))
        XCTAssert(FileManager.default.fileExists(atPath: path))
        XCTAssertNil(try sgs.writePreview(of: .number(1)))
    }

    /// Every script of the standard library parses (the quickstart trains for a minute
    /// in release, too long for a debug test; its timing is in the report of the bind branch).
    func testStandardLibraryScriptsParse() throws {
        let folder = URL(fileURLWithPath: SGSTesting.stdlibFolder)
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "sgs" } ?? []
        XCTAssert(files.contains { $0.lastPathComponent == "quickstart.sgs" }, "no quickstart in \(folder.path)")
        let session = makeSession(output: CapturedOutput(), interrupt: Interrupt(),
                                  stdlibPath: SGSTesting.stdlibFolder).session
        for file in files {
            XCTAssertNoThrow(try session.check(source: String(contentsOf: file, encoding: .utf8), name: file.path,
                                               directory: file.deletingLastPathComponent().path))
        }
    }

    /// The design's session (docs/language.md), verbatim, on images the project draws,
    /// with tiny training settings.
    func testDesignSessionRunsAsWritten() throws {
        let folder = try SGSTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssert(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder.path)
        try sgs.session.run(source: """
            seed 1
            save (synth landscape size 44x44) "balloons.png"
            save (synth blobs size 44x44) "paint.png"
            set channels 4
            set iters 2
            set min 12
            set max 24
            """, name: "setup.sgs")
        try sgs.session.run(source: Self.designSession, name: "design.sgs")
        for file in ["balloons.sgm", "out/sample_0.png", "out/sample_3.png", "out/paint2photo.png", "out/walk.gif"] {
            XCTAssert(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        XCTAssert(output.lines.contains("wrote out/walk.gif (61 frames)"), "\(output.lines)")
    }

    static let designSession = """
        seed 7
        let photo = load "balloons.png"        # any PNG: gray, palette, RGBA, 16-bit, interlaced
        pyramid photo                          # scale 0.75, min 25, max 250: prints the table of scales
        show pyramid                           # contact sheet (inline where the terminal can show images)
        train scale n                          # step by step: the coarsest GAN only ...
        train                                  # ... then every scale not yet trained, coarse to fine
        save model "balloons.sgm"

        sample 4 into "out/sample_{i}.png"     # {i} counts from 0
        sample scale 2x1                       # twice as wide, same height
        sample from n-1                        # keep the global layout, vary the rest
        let r = reconstruct                    # the fixed-noise reconstruction of the training image

        let paint = load "paint.png"
        inject paint at n-2 into "out/paint2photo.png"

        walk z steps 60 alpha 0.1 beta 0.9 into "out/walk.gif"
        walk z                                 # one more frame, step by step
        save frames "out/walk.gif"
        """
}
