// The stdlib applications and the generation commands on a tiny ConSinGAN model, as
// ApplicationScriptTests runs them on a SinGAN one: each works, or says why not.
import Foundation
import XCTest
import SGSCommands
import Script

final class ConSinGANScriptTests: XCTestCase {
    static let folder: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-consingan-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }()
    // nonisolated(unsafe): XCTest runs this class's tests one at a time, on one thread.
    nonisolated(unsafe) static let output = CapturedOutput()
    nonisolated(unsafe) static let sgs: SGSSession = {
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder)
        let setup = """
            seed 1
            recipe consingan
            set channels 8
            set scales 3
            set iters 6
            pyramid (synth stripes size 40x30) min 16 max 40
            train
            save model "{tmp}/m.sgm"
            let black = (mask (synth stripes size 40x30) threshold 1)
            let corner = (paste (mask (synth blobs size 3x3) threshold 0 dilate 5) onto black at [0, 0])
            """
        do { try sgs.session.run(source: setup, name: "setup.sgs") } catch {
            preconditionFailure("training the test model failed: \(error)")
        }
        return sgs
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    func run(_ source: String) throws -> [String] {
        let before = Self.output.lines.count
        try Self.sgs.session.run(source: source, name: "test.sgs")
        return Array(Self.output.lines[before...])
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: Self.folder + "/" + name) }

    func testTheRecipeIsShownAndSaved() throws {
        let lines = try run("show model")
        XCTAssertTrue(lines.contains { $0.hasPrefix("2      22x16     8 ") }, "\(lines)")
        let loaded = try run("set recipe \"singan\"\nload model \"{tmp}/m.sgm\"\nsample 1 into \"{tmp}/loaded.png\"\nshow model")
        XCTAssertTrue(exists("loaded.png"))
        XCTAssertTrue(loaded.contains { $0.hasSuffix("3 of 3 scales trained (recipe consingan)") }, "\(loaded)")
        try run("recipe consingan")
    }

    /// `recipe` after `pyramid` switches an untrained model (pyramid and all), and waits
    /// for the next `pyramid` once a scale is trained.
    func testRecipeAfterPyramidSwitchesTheUntrainedModel() throws {
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: Self.folder)
        try sgs.session.run(source: """
            seed 1
            set iters 2
            pyramid (synth stripes size 40x30) min 16 max 40
            recipe consingan
            set channels 8
            train
            show model
            recipe singan
            """, name: "recipe.sgs")
        let lines = output.lines
        XCTAssertTrue(lines.contains("recipe consingan applied to the current model (no scale is trained yet): 6 scales, finest 40x30, 64 channels"), "\(lines)")
        XCTAssertFalse(lines.contains { $0.hasPrefix("layers applied") || $0.hasPrefix("scales applied") }, "one notice for the recipe: \(lines)")
        XCTAssertTrue(lines.contains { $0.hasSuffix("6 of 6 scales trained (recipe consingan)") }, "\(lines)")
        XCTAssertTrue(lines.contains("recipe singan applies to the next 'pyramid' (the current model has trained scales)"), "\(lines)")
    }

    func testSamplingFromAnySizeInjectWalkScore() throws {
        let lines = try run("""
            print (sample)
            print (sample from 1)
            print (sample size 60x30)
            print (inject (synth blobs size 40x30) at 1)
            walk reset
            print len((walk z steps 3))
            score count 3
            """)
        XCTAssertEqual(Array(lines.prefix(5)), ["image 40x30", "image 40x30", "image 60x30", "image 40x30", "3"])
        XCTAssertTrue(lines.last?.hasPrefix("SWD ") ?? false, "\(lines)")
    }

    func testApplications() throws {
        try run("""
            harmonize (real) mask corner into "{tmp}/h.png";
            edit (real) mask corner at 0 raw "{tmp}/raw.png" into "{tmp}/masked.png";
            paint2image (synth blobs size 60x40) at 0 quantize 3 into "{tmp}/p.png";
            animate frames 3 into "{tmp}/walk.gif";
            retarget 64x30 into "{tmp}/wide.png";
            """)
        for name in ["h.png", "raw.png", "masked.png", "p.png", "walk.gif", "wide.png"] { XCTAssertTrue(exists(name), name) }
    }

    /// §12.4's fine-tuning: the naive image at stage 0 for a few iterations, then harmonize.
    func testFineTuneThenHarmonize() throws {
        try run("save model \"{tmp}/before.sgm\"")
        let lines = try run("""
            let naive = (paste (synth blobs size 10x10) onto (real) at [2, 2])
            finetune naive iters 3
            finetune naive iters 2 edit true
            harmonize naive mask corner at 0 into "{tmp}/ft.png";
            """)
        XCTAssertEqual(lines.filter { $0.hasPrefix("fine-tuned") }.count, 2, "\(lines)")
        XCTAssertTrue(exists("ft.png"))
        try run("load model \"{tmp}/before.sgm\"")
    }

    /// Super-resolution trains its own model, always with the singan recipe (it reapplies
    /// SinGAN's finest generator), so it runs with the session on consingan too.
    func testSuperresUsesSinGAN() throws {
        let lines = try run("print (superres (synth stripes size 40x30) factor 2)")
        XCTAssertEqual(lines.last, "image 80x60")
    }
}
