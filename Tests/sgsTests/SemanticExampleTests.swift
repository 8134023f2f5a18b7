// stdlib/examples/semantic_edit.sgs trains two models at max side 128 (minutes), so here it
// runs as written but at test size (the numbers that only make it longer shrunk), from a
// folder holding nothing: its photo comes from stdlib/images, as in a fresh clone.
import XCTest

final class SemanticExampleTests: XCTestCase {
    private var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    func testSemanticEditExampleRunsAtTestSize() throws {
        let folder = try TemporaryFolder()
        let text = try String(contentsOf: repository.appendingPathComponent("stdlib/examples/semantic_edit.sgs"), encoding: .utf8)
        let check = try runSGS(["--check", repository.appendingPathComponent("stdlib/examples/semantic_edit.sgs").path], in: folder)
        XCTAssertEqual(check.status, 0, check.errors)
        // The size stays (the edit's rectangles are in its pixels); the nets and the runs shrink.
        let rules = [(#"\biters \d+"#, "iters 2"), (#"\bchannels \d+"#, "channels 4"), (#"\bmaxchannels \d+"#, "maxchannels 4"),
                     (#"\bcount \d+"#, "count 2")]
        let small = rules.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1, options: .regularExpression) }
        XCTAssertNotEqual(small, text)
        let script = try folder.write("semantic_edit.sgs", small)
        let outcome = try runSGS([script.path, "out"], in: folder, timeout: 300)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        for line in ["layout fidelity, original map: ", "layout fidelity, edited map: ", "layout fidelity, paint-to-image at n-1: "] {
            XCTAssertTrue(outcome.output.contains(line), outcome.output)
        }
        for file in ["sheet.png", "translated_edit.png", "paint2image_edit.png", "labels.sgm", "singan.sgm"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("out/" + file).path), file)
        }
    }
}
