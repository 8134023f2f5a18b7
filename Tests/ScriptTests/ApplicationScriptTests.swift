// The stdlib applications through the language, end to end on a tiny model trained once:
// each writes what it promises; the animation GIF decodes with gifsicle.
import Foundation
import XCTest
import SGSCommands
import Script

final class ApplicationScriptTests: XCTestCase {
    /// One session with a trained 40x30, 3-scale, 8-channel model, shared by the tests.
    static let folder: String = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-apps-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }()
    // nonisolated(unsafe): XCTest runs this class's tests one at a time, on one thread.
    nonisolated(unsafe) static let output = CapturedOutput()
    nonisolated(unsafe) static let sgs: SGSSession = {
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder)
        let setup = """
            seed 1
            set channels 8
            set maxchannels 8
            set iters 6
            pyramid (synth stripes size 40x30) min 16 max 40 scales 3;
            train
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

    /// Runs `source` in the shared session and returns the lines it printed.
    @discardableResult
    func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let before = Self.output.lines.count
        try Self.sgs.session.run(source: source, name: "test.sgs")
        return Array(Self.output.lines[before...])
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: Self.folder + "/" + name) }

    func testHarmonizePrintsItsScaleAndWrites() throws {
        let lines = try run("""
            use "harmonize"
            let h = (harmonize (real) mask corner into "{tmp}/h.png")
            print h
            harmonize (real) mask (resize corner size 80x60) at 0;
            """)
        XCTAssertEqual(lines[0], "harmonize: injected at scale 1 (scales 0 to 2, coarsest 2)")
        XCTAssertEqual(lines[1], "wrote {tmp}/h.png")
        XCTAssertEqual(lines[2], "image 40x30")
        XCTAssertEqual(lines[4], "inject: resized the mask from 80x60 to the model's 40x30")
        XCTAssertTrue(exists("h.png"))
        XCTAssertThrowsError(try run("harmonize (real)")) { XCTAssertTrue("\($0)".contains("needs 'mask M'"), "\($0)") }
        XCTAssertThrowsError(try run("harmonize (real) mask corner at 2")) {
            XCTAssertTrue("\($0)".contains("not an injection scale"), "\($0)")
        }
    }

    func testEditReturnsRawAndMasked() throws {
        let lines = try run("""
            use "edit"
            let both = (edit (real) mask corner at 0 raw "{tmp}/raw.png" into "{tmp}/masked.png")
            print len(both)
            print both[1]
            print rmse(both[0], both[1]) > 0
            """)
        XCTAssertEqual(lines.first, "edit: injected at scale 0 (scales 0 to 2, coarsest 2)")
        XCTAssertEqual(Array(lines.suffix(3)), ["2", "image 40x30", "true"])
        XCTAssertTrue(exists("raw.png") && exists("masked.png"))
    }

    func testPaintToImagePlainAndQuantized() throws {
        let lines = try run("""
            use "paint2image"
            let paint = (synth blobs size 60x40)
            print (paint2image paint)
            print (paint2image paint at 0 quantize 3 into "{tmp}/p.png")
            let flat = (quantize (resize paint size 40x30) colors 3 like (real))
            print rmse(flat, (quantize flat colors 3)) == 0
            """)
        XCTAssertEqual(lines[0], "paint2image: injected at scale 1 (scales 0 to 2, coarsest 2)")
        XCTAssertEqual(lines[1], "inject: resized the image from 60x40 to the model's 40x30")
        XCTAssertEqual(lines[2], "image 40x30")
        XCTAssertTrue(exists("p.png"))
        XCTAssertEqual(lines.last, "true")  // 3 colours quantized to 3 again stay the same
    }

    func testSuperresWritesTwiceTheSize() throws {
        let lines = try run("""
            use "superres"
            let hr = (superres (synth stripes size 40x30) factor 2 into "{tmp}/sr.png")
            print hr
            """)
        XCTAssertTrue(lines.contains { $0.hasPrefix("super-resolution x2.0: 3 steps of 1.25992") }, "\(lines)")
        XCTAssertEqual(lines.last, "image 80x60")
        XCTAssertTrue(exists("sr.png"))
    }

    func testAnimateWritesAGIFThatDecodes() throws {
        try run("""
            use "animate"
            let f = (animate frames 5 beta 0.8 into "{tmp}/walk.gif")
            print len(f)
            """)
        XCTAssertEqual(Self.output.lines.last, "5")
        for bad in ["animate frames 2 beta 1.5", "animate frames 2 alpha -0.1", "animate frames -1", "animate frames 2 from 7"] {
            XCTAssertThrowsError(try run(bad), bad)
        }
        let gifsicle = "/usr/bin/gifsicle"
        guard FileManager.default.isExecutableFile(atPath: gifsicle) else { throw XCTSkip("gifsicle is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gifsicle)
        process.arguments = ["--info", Self.folder + "/walk.gif"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let info = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(info.contains("5 images"), info)
        XCTAssertTrue(info.contains("logical screen 40x30"), info)
        // A second animate starts a fresh walk instead of continuing the first.
        try run("print len((animate frames 3))")
        XCTAssertEqual(Self.output.lines.last, "3")
    }

    func testHelpAnimateShowsTheWalk() throws {
        let lines = try run("use \"animate\"\nhelp animate")
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("d  = beta * (z1 - z2) + (1 - beta) * eps"), text)
        XCTAssertTrue(text.contains("z  = alpha * Z + (1 - alpha) * (z1 + d)"), text)
        XCTAssertTrue(text.contains("alpha pulls the walk back"), text)
    }

    func testRetargetSizesAndRefusal() throws {
        let lines = try run("""
            use "retarget"
            print (retarget 64x30 into "{tmp}/wide.png")
            print (retarget 40x45)
            print (retarget 32x24)
            print (smallest_size)
            """)
        XCTAssertEqual(lines[0], "wrote {tmp}/wide.png")
        XCTAssertEqual(Array(lines[1...3]), ["image 64x30", "image 40x45", "image 32x24"])
        XCTAssertTrue(exists("wide.png"))
        let least = lines[4]
        XCTAssertEqual(try run("print (retarget \(least))").last, "image \(least)")
        XCTAssertThrowsError(try run("retarget 100000x30"))
        XCTAssertThrowsError(try run("retarget 12x12")) {
            XCTAssertTrue("\($0)".contains("the smallest size that works is \(least)"), "\($0)")
        }
    }
}
