// Every iteration's losses are kept per scale, saved in the model file as scale{k}.losses
// [iterations, 3], and read back; a file without them (written before they existed) loads
// with an empty history; a damaged one is an error naming the tensor.
import Foundation
import Imaging
import Tensor
import XCTest
@testable import SinGAN

final class LossHistoryTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "sgs-losses-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func trainedModel() throws -> Model {
        let model = try Model(image: testImage(), name: "stripes", settings: tinySettings(iterations: 4), seed: 3)
        var rng = RandomSource(seed: 3)
        _ = try Trainer(model: model).train(using: &rng)
        return model
    }

    func testTrainingRecordsEveryIterationAndTheFileKeepsIt() throws {
        let model = try trainedModel()
        for scale in model.scales {
            XCTAssertEqual(scale.lossHistory.count, 4, "scale \(scale.index)")
            XCTAssertEqual(scale.lossHistory.last, scale.losses)
        }
        let path = folder + "/m.sgm"
        try model.save(to: path)
        let file = try SafeTensorsFile.read(from: path)
        XCTAssertEqual(file.entry("scale0.losses")?.shape, [4, 3])
        let loaded = try Model.load(from: path)
        for (a, b) in zip(model.scales, loaded.scales) {
            XCTAssertEqual(a.lossHistory, b.lossHistory)
            XCTAssertEqual(b.losses, a.losses, "show model shows the last losses of a loaded model too")
        }
    }

    func testFilesWithoutHistoryStillLoad() throws {
        let model = try trainedModel()
        for scale in model.scales { scale.lossHistory = [] }
        let path = folder + "/old.sgm"
        try model.save(to: path)
        XCTAssertNil(try SafeTensorsFile.read(from: path).entry("scale0.losses"), "no history, no tensor: the old layout")
        let loaded = try Model.load(from: path)
        XCTAssertEqual(loaded.trainedCount, model.trainedCount)
        XCTAssertTrue(loaded.scales.allSatisfy { $0.lossHistory.isEmpty })
    }

    func testAHistoryOfTheWrongShapeIsAnError() throws {
        let model = try trainedModel()
        let path = folder + "/bad.sgm"
        try model.save(to: path)
        var file = try SafeTensorsFile.read(from: path)
        file.tensors.removeAll { $0.name == "scale1.losses" }
        file.add("scale1.losses", Tensor([1, 2, 3, 4], shape: [2, 2]))
        try file.write(to: path)
        XCTAssertThrowsError(try Model.load(from: path)) { error in
            XCTAssertTrue("\(error)".contains("scale1.losses"), "\(error)")
            XCTAssertTrue("\(error)".contains("[iterations, 3]"), "\(error)")
        }
    }
}
