// `show model` says what made the model beyond its scales: the switches and, for a model
// trained with `train labels`, that it is conditional and on how many labels.
import Foundation
import XCTest
import SGSCommands
import Script

final class ShowModelTests: XCTestCase {
    func testAConditionalModelSaysSoAndAPlainOneDoesNot() throws {
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: NSTemporaryDirectory())
        try sgs.session.run(source: """
            seed 1
            set channels 4
            set maxchannels 4
            set iters 2
            let photo = synth landscape size 40x30
            pyramid photo min 14 max 40 scales 2;
            train
            show model
            """, name: "plain.sgs")
        XCTAssertFalse(output.lines.contains { $0.hasPrefix("conditional:") }, "\(output.lines)")
        try sgs.session.run(source: """
            let map = (labels photo colors 3)
            pyramid photo min 14 max 40 scales 2;
            train labels map boundaries true
            show model
            """, name: "conditional.sgs")
        XCTAssertEqual(output.lines.last, "conditional: a label map of 3 labels, boundaries on (train labels; translate MAP)")
    }
}
