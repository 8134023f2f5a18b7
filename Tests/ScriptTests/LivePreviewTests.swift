// The live preview during training: with `set preview S` and a terminal hook, `train` writes
// and shows previews of the scale in training; they never change what training produces;
// `set preview 0` (and a session without the hook, as in scripts by default) shows none.
import Foundation
import XCTest
@testable import SGSCommands
@testable import Script

final class LivePreviewTests: XCTestCase {
    private func trainedSample(preview: String, shown: inout [String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder.path)
        var paths: [String] = []
        sgs.showPreview = { path in
            paths.append(path)
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), path)
        }
        try sgs.session.run(source: """
            seed 4
            set channels 8
            set iters 12
            set preview \(preview)
            pyramid (synth blobs size 24x18) min 12 max 24 scales 2;
            train
            print rmse((sample), (synth blobs size 24x18))
            """, name: "live.sgs")
        shown = paths
        return output.lines
    }

    func testPreviewsAreShownAndChangeNothing() throws {
        var withPreviews: [String] = [], without: [String] = []
        let a = try trainedSample(preview: "0.000001", shown: &withPreviews)
        let b = try trainedSample(preview: "0", shown: &without)
        XCTAssertGreaterThan(withPreviews.count, 10, "a preview for nearly every iteration at this interval")
        XCTAssertTrue(withPreviews.allSatisfy { $0.hasSuffix(".png") && $0.contains("training-") }, "\(withPreviews)")
        XCTAssertEqual(without, [])
        XCTAssertEqual(a, b, "the same training, sample for sample")
    }

    func testTheSettingIsCheckedAndOffByDefaultWithoutATerminal() throws {
        let sgs = SGSTesting.session(output: CapturedOutput(), temporaryFolder: NSTemporaryDirectory())
        XCTAssertNil(sgs.livePreviewInterval, "no hook, no default: off")
        sgs.showPreview = { _ in }
        XCTAssertNil(sgs.livePreviewInterval, "a hook alone (a script on an image terminal): still off")
        sgs.livePreviewByDefault = true
        XCTAssertEqual(sgs.livePreviewInterval, 30)
        try sgs.session.run(source: "set preview 5", name: "p.sgs")
        XCTAssertEqual(sgs.livePreviewInterval, 5)
        XCTAssertThrowsError(try sgs.session.run(source: "set preview -1", name: "p.sgs")) {
            XCTAssertTrue("\($0)".contains("must be from 0 (off) to 86400 seconds"), "\($0)")
        }
    }
}
