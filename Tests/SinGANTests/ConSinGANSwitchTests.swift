import Foundation
import Tensor
import XCTest
@testable import SinGAN

/// The training switches on the ConSinGAN recipe: each trains a tiny growing model
/// deterministically (the same bytes twice), behaves as the switch says, survives a save
/// and load (same samples, switches recorded) and samples.
final class ConSinGANSwitchTests: XCTestCase {
    private func settings(iterations: Int = 4, _ change: (inout Switches) -> Void) -> Settings {
        switched(tinyConSinGAN(iterations: iterations), change)
    }

    private func train(_ s: Settings, progress: @escaping (TrainingProgress, Model) -> Void = { _, _ in }) throws -> Model {
        let model = try trainTiny(s, progress: progress)
        XCTAssertEqual(model.recipe, .consingan)
        return model
    }

    private func fileBytes(_ model: Model) throws -> Data {
        let path = NSTemporaryDirectory() + "sgs-stage-switches-\(UUID().uuidString).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Trains twice (same bytes), then saves, reloads and checks the reloaded model records
    /// the switches and samples the same pixels, which are finite images in [-1, 1].
    @discardableResult
    private func assertTrainsAndRoundTrips(_ s: Settings, file: StaticString = #filePath, line: UInt = #line) throws -> Model {
        let model = try train(s)
        XCTAssertEqual(try fileBytes(model), try fileBytes(try train(s)), "not reproducible: \(s.switches.summary)", file: file, line: line)
        let path = NSTemporaryDirectory() + "sgs-stage-switches-\(UUID().uuidString).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Model.load(from: path)
        XCTAssertEqual(loaded.recipe, .consingan, file: file, line: line)
        XCTAssertEqual(loaded.settings.switches, s.switches, file: file, line: line)
        XCTAssertEqual(try SafeTensorsFile.read(from: path).metadata["switches"], s.switches.summary, file: file, line: line)
        var a = RandomSource(seed: 5), b = RandomSource(seed: 5)
        let samples = try model.samples(count: 2, using: &a)
        XCTAssertEqual(samples, try loaded.samples(count: 2, using: &b), file: file, line: line)
        XCTAssertEqual(samples.count, 2, file: file, line: line)
        XCTAssertTrue(samples.allSatisfy { $0.width == 40 && $0.height == 30 }, file: file, line: line)
        return model
    }

    private func generator(_ model: Model) throws -> GrowingGenerator { try XCTUnwrap(model.growing?.generator) }
    private func critic(_ model: Model) throws -> StageCritic { try XCTUnwrap(model.growing?.critic) }

    func testPixelNormInEveryGeneratorBlock() throws {
        let model = try assertTrainsAndRoundTrips(settings { $0.generatorNorm = .pixel })
        let g = try generator(model)
        XCTAssertTrue(([g.head] + g.stages.joined()).allSatisfy { $0.kind == .pixel && $0.norm == nil })
        XCTAssertTrue(try critic(model).critics[0].blocks.allSatisfy { $0.kind == .none })
    }

    func testBatchNormOnlyWhenAskedAndNormNoneOverridesIt() throws {
        var s = tinyConSinGAN()
        XCTAssertEqual(StageBlock.stageNorm(settings: s), .none, "ConSinGAN has no BatchNorm by default")
        s.consingan?.batchNorm = true
        XCTAssertEqual(StageBlock.stageNorm(settings: s), .batch)
        s.switches.generatorNorm = .none
        XCTAssertEqual(StageBlock.stageNorm(settings: s), .none)
    }

    func testEqualizedLearningRateInGeneratorAndCritic() throws {
        let model = try assertTrainsAndRoundTrips(settings { $0.equalizedLearningRate = true })
        let g = try generator(model), d = try critic(model).critics[0]
        let convs = ([g.head] + g.stages.joined()).map(\.conv) + [g.tail] + d.blocks.map(\.conv) + [d.tail]
        for conv in convs {
            XCTAssertEqual(conv.weightScale, (2 / Float(conv.weight.shape[1] * 9)).squareRoot(), accuracy: 1e-6)
        }
    }

    func testMinibatchStddevWithABatch() throws {
        let model = try assertTrainsAndRoundTrips(settings(iterations: 2) { $0.minibatchStddev = true; $0.batch = 3 })
        let d = try critic(model).critics[0]
        XCTAssertEqual(d.tail.weight.shape[1], model.settings.channels + 1, "the tail reads the stddev channel")
        XCTAssertEqual(d.blocks.count, model.settings.layers + 1, "head and `layers` blocks, as ConSinGAN's critic")
    }

    func testBatchAloneTrains() throws {
        try assertTrainsAndRoundTrips(settings(iterations: 2) { $0.batch = 2 })
    }

    func testMultiScaleCriticsAndFeatureMatching() throws {
        let model = try assertTrainsAndRoundTrips(settings { $0.criticScales = 3; $0.featureMatchingWeight = 10 })
        // The finest stage (40x30) pools to 20x15 (>= the critic's 11 pixels) then 10x8: two critics.
        XCTAssertEqual(try critic(model).critics.count, 2)
        let path = NSTemporaryDirectory() + "sgs-stage-dscales-\(UUID().uuidString).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        XCTAssertTrue(try SafeTensorsFile.read(from: path).tensors.contains { $0.name == "growing.D.critic1.tail.conv.weight" })
    }

    func testLeastSquaresLoss() throws {
        let model = try assertTrainsAndRoundTrips(settings { $0.loss = .lsgan })
        XCTAssertTrue(model.scales.allSatisfy { ($0.losses?.discriminator ?? -1) >= 0 }, "a mean of squares")
    }

    func testFadeInWeightsTheNewStage() throws {
        var seen: [Int: [Float]] = [:]
        let s = settings(iterations: 6) { $0.fadeIterations = 4 }
        let model = try train(s) { progress, model in
            seen[progress.scale, default: []].append(model.growing?.generator.fade ?? -1)
        }
        XCTAssertEqual(seen[model.coarsest], [1, 1, 1, 1, 1, 1], "nothing to fade from at the coarsest stage")
        XCTAssertEqual(seen[0], [0.25, 0.5, 0.75, 1, 1, 1])
        XCTAssertEqual(model.growing?.generator.fade, 1, "a trained generator uses its whole newest stage")
        try assertTrainsAndRoundTrips(s)
    }

    func testSwitchesChangeTraining() throws {
        let plain = try fileBytes(try train(tinyConSinGAN(iterations: 4)))
        XCTAssertNotEqual(plain, try fileBytes(try train(settings { $0.loss = .lsgan })))
        XCTAssertNotEqual(plain, try fileBytes(try train(settings { $0.fadeIterations = 3 })))
    }

    func testEverySwitchTogether() throws {
        try assertTrainsAndRoundTrips(settings(iterations: 3) {
            $0.fadeIterations = 2; $0.generatorNorm = .pixel; $0.equalizedLearningRate = true
            $0.minibatchStddev = true; $0.batch = 2; $0.criticScales = 2; $0.featureMatchingWeight = 5; $0.loss = .lsgan
        })
    }
}
