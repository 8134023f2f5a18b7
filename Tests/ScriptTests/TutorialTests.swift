// The guided tour end to end at a small size: every step runs, in order or resumed.
import Foundation
import XCTest
import SGSCommands
import Script

final class TutorialTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try SGSTesting.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func session(_ output: CapturedOutput) -> Session {
        SGSTesting.session(output: output, temporaryFolder: folder.path).session
    }

    func testEveryStepRunsInOrder() throws {
        let output = CapturedOutput()
        let s = session(output)
        try s.run(source: "tutorial 1 iters 2", name: "<test>")
        for _ in 2...10 { try s.run(source: "tutorial", name: "<test>") }
        XCTAssertEqual(output.errors, [])
        let headers = output.lines.filter { $0.hasPrefix("== tutorial step ") }
        XCTAssertEqual(headers.count, 10, "\(headers)")
        XCTAssertEqual(headers.first, "== tutorial step 1 of 10: one image ==")
        XCTAssertTrue(output.lines.contains("sgs> set iters 2"), "the tour's iterations are shown as they run")
        XCTAssertTrue(output.lines.contains("sgs> train"))
        XCTAssertTrue(output.lines.contains { $0.hasPrefix("5 scales") }, "the pyramid's table")
        XCTAssertTrue(output.lines.contains { $0.hasPrefix("model blobs: 5 of 5 scales trained") }, "trained")
        XCTAssertTrue(output.lines.contains { $0.hasPrefix("SWD ") }, "scored")
        let previews = output.lines.filter { $0.hasPrefix("preview: ") }
        XCTAssertEqual(previews.count, 8, "\(previews)")
        for line in previews {
            let path = line.dropFirst("preview: ".count).replacingOccurrences(of: "{tmp}", with: folder.path)
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), path)
        }
        XCTAssert(output.lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("SWD ") }, "explanations wrapped to 80 columns")
    }

    func testResumingAtAStepCatchesUpFirst() throws {
        let output = CapturedOutput()
        let s = session(output)
        try s.run(source: "tutorial 5 iters 2", name: "<test>")
        XCTAssertEqual(output.lines.first, "catching up: running the statements of steps 1 to 4 first")
        XCTAssertEqual(output.lines[1], "== tutorial step 5 of 10: samples from scale K ==")
        XCTAssertFalse(output.lines.contains("sgs> train"), "skipped steps run without being shown")
        XCTAssertEqual(output.lines.filter { $0.hasPrefix("preview: ") }.count, 2)
        try s.run(source: "tutorial", name: "<test>")
        XCTAssertTrue(output.lines.contains("== tutorial step 6 of 10: the reconstruction and the noise =="))
        XCTAssertThrowsError(try s.run(source: "tutorial 11", name: "<test>")) { error in
            XCTAssertTrue("\(error)".contains("the tutorial has steps 1 to 10"), "\(error)")
        }
    }
}
