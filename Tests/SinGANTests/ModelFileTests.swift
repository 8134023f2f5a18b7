import Foundation
import Imaging
import Tensor
import XCTest
@testable import SinGAN

final class ModelFileTests: XCTestCase {
    var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "sgs-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func trainedModel(iterations: Int = 3) throws -> Model {
        let model = try Model(image: testImage(), name: "stripes", settings: tinySettings(iterations: iterations), seed: 9)
        var rng = RandomSource(seed: 9)
        _ = try Trainer(model: model).train(using: &rng)
        return model
    }

    func testSavedAndReloadedModelGivesIdenticalSamples() throws {
        let model = try trainedModel()
        let path = folder + "/m.sgm"
        try model.save(to: path)
        let loaded = try Model.load(from: path)
        XCTAssertEqual(loaded.settings, model.settings)
        XCTAssertEqual(loaded.geometry, model.geometry)
        XCTAssertEqual(loaded.source, model.source)
        XCTAssertEqual(loaded.trainedCount, 3)
        var a = RandomSource(seed: 5), b = RandomSource(seed: 5)
        XCTAssertEqual(try model.samples(count: 2, using: &a), try loaded.samples(count: 2, using: &b))
        XCTAssertEqual(try model.reconstruction(using: &a), try loaded.reconstruction(using: &b))
        // Same model, same bytes.
        try loaded.save(to: folder + "/again.sgm")
        XCTAssertEqual(FileManager.default.contents(atPath: path), FileManager.default.contents(atPath: folder + "/again.sgm"))
    }

    func testPartlyTrainedModelsSaveAndContinue() throws {
        let model = try Model(image: testImage(), name: "stripes", settings: tinySettings(iterations: 2), seed: 1)
        var rng = RandomSource(seed: 1)
        _ = try Trainer(model: model).train(downTo: 2, using: &rng)
        try model.save(to: folder + "/part.sgm")
        let loaded = try Model.load(from: folder + "/part.sgm")
        XCTAssertEqual(loaded.trainedCount, 1)
        XCTAssertEqual(try Trainer(model: loaded).train(using: &rng), .finished)
        XCTAssertEqual(loaded.trainedCount, 3)
    }

    func testForeignAndDamagedFilesAreRefusedByName() throws {
        let foreign = folder + "/foreign.safetensors"
        var file = SafeTensorsFile(path: foreign)
        file.add("weight", Tensor([1, 2], shape: [2]))
        try file.write(to: foreign)
        XCTAssertThrowsError(try Model.load(from: foreign)) {
            XCTAssertTrue("\($0)".contains("foreign.safetensors") && "\($0)".contains("not an sgs model"), "\($0)")
        }
        let path = folder + "/m.sgm"
        try trainedModel(iterations: 1).save(to: path)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: folder + "/cut.sgm"))
        XCTAssertThrowsError(try Model.load(from: folder + "/cut.sgm")) {
            XCTAssertTrue("\($0)".contains("cut.sgm") && "\($0)".contains("truncated"), "\($0)")
        }
        // A missing tensor is named.
        var damaged = try SafeTensorsFile.read(from: path)
        damaged.tensors.removeAll { $0.name == "scale1.G.tail.conv.weight" }
        try damaged.write(to: folder + "/missing.sgm")
        XCTAssertThrowsError(try Model.load(from: folder + "/missing.sgm")) {
            XCTAssertTrue("\($0)".contains("scale1.G.tail.conv.weight"), "\($0)")
        }
        // A future version is refused with the version named.
        var future = try SafeTensorsFile.read(from: path)
        future.setMetadata("format_version", 99)
        try future.write(to: folder + "/future.sgm")
        XCTAssertThrowsError(try Model.load(from: folder + "/future.sgm")) {
            XCTAssertTrue("\($0)".contains("version 99"), "\($0)")
        }
    }
}
