import Foundation
import XCTest
import SGSCommands
@testable import Script

/// The PNN commands whose output holds measured figures (scores), which the corpus cannot
/// pin: the lines' shape and the sheet's layout are checked instead.
final class PNNScriptTests: XCTestCase {
    func run(_ script: String) throws -> (CapturedOutput, Value?) {
        let folder = try SGSTesting.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder.path)
        try sgs.session.run(source: script, name: "pnn.sgs")
        return (output, sgs.session.interpreter.global("result"))
    }

    func testPNNScorePrintsSWDDiversityAndCopyShare() throws {
        let (output, result) = try run("""
            seed 1
            set pnnlevels 3
            set pnniters 2
            let result = (pnn score (synth landscape size 48x36) count 3)
            """)
        XCTAssertEqual(output.lines.count, 1)
        let line = output.lines.first ?? ""
        XCTAssertNotNil(line.range(of: #"^pnn: SWD [0-9.e-]+ \(levels fine to coarse: .*\), diversity [0-9.]+, 3 samples, copy share 0\.[0-9]{3}$"#,
                                   options: .regularExpression), line)
        guard case .number(let swd)? = result else { return XCTFail("pnn score returns the mean SWD, got \(String(describing: result))") }
        XCTAssertGreaterThan(swd, 0)
    }

    func testCompareLaysOutTheModelsAndPNNsSamplesWithBothScores() throws {
        let (output, result) = try run("""
            seed 1
            set channels 8
            set iters 10
            set pnnlevels 2
            set pnniters 2
            pyramid (synth stripes size 40x30) min 16 max 40 scales 3;
            train
            let result = (compare count 3)
            """)
        let scores = output.lines.filter { $0.hasPrefix("gan: SWD") || $0.hasPrefix("pnn: SWD") }
        XCTAssertEqual(scores.map { String($0.prefix(8)) }, ["gan: SWD", "pnn: SWD"], "\(output.lines)")
        XCTAssertTrue(scores.allSatisfy { $0.contains("3 samples, copy share") })
        // Two rows of three 40x30 samples with 4-pixel gaps.
        guard case .host(let value)? = result, let sheet = value as? ImageValue else { return XCTFail("no sheet") }
        XCTAssertEqual([sheet.image.width, sheet.image.height], [3 * 40 + 4 * 4, 2 * 30 + 3 * 4])
    }
}
