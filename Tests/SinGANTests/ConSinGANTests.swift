import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// Tiny ConSinGAN settings: 3 stages of 8 channels on the 40x30 test image.
func tinyConSinGAN(iterations: Int = 30) -> Settings {
    var s = tinySettings(iterations: iterations)
    s.consingan = ConSinGANSettings()
    s.layers = 3
    s.leakySlope = 0.05
    return s
}

final class ConSinGANTests: XCTestCase {
    /// docs/consingan.md: colusseum 250x188, 6 stages, sf 0.66797.
    func testPyramidMatchesTheWorkedExample() throws {
        var s = Settings()
        s.consingan = ConSinGANSettings()
        s.scales = 6
        s.layers = 3
        let g = try PyramidGeometry(consinganOf: 250, 188, settings: s)
        XCTAssertEqual(g.scaleFactor, 0.66797, accuracy: 1e-5)
        XCTAssertEqual(g.sizes.reversed().map { "\($0.height)x\($0.width)" },
                       ["25x34", "32x42", "42x56", "63x84", "126x167", "188x250"])
        // The exponents of N = 5: 5, 4.445, 3.730, 2.723 for stages 0...3, 1 for stage 4.
        let exponents = (1...5).reversed().map { k in log(PyramidGeometry.consinganLevel(k, stop: 5, factor: g.scaleFactor)) / log(g.scaleFactor) }
        for (got, want) in zip(exponents, [5, 4.445, 3.730, 2.723, 1]) { XCTAssertEqual(got, want, accuracy: 5e-4) }
        // The model's real images have exactly these sizes, and the kind survives make().
        XCTAssertEqual(try PyramidGeometry.make(.consingan, width: 250, height: 188, settings: s), g)
    }

    func testTwoStagesAndOneStage() throws {
        var s = tinyConSinGAN()
        s.scales = 2
        let two = try PyramidGeometry(consinganOf: 40, 30, settings: s)
        XCTAssertEqual(two.sizes.map { $0.height }, [30, 16])
        s.scales = 1
        XCTAssertEqual(try PyramidGeometry(consinganOf: 40, 30, settings: s).sizes.count, 1)
        s.scales = 6
        s.minSize = 8
        XCTAssertThrowsError(try PyramidGeometry(consinganOf: 40, 30, settings: s)) { error in
            XCTAssertTrue("\(error)".contains("receptive field"), "\(error)")
        }
    }

    /// training_generation.py:93-104 with lrg 5e-4, lr scale 0.1, depth 3.
    func testLearningRateGroups() throws {
        let s = tinyConSinGAN()
        var rng = RandomSource(seed: 1)
        let g = GrowingGenerator(settings: s, using: &rng)
        func rates(_ stage: Int) -> [String: Float] {
            Dictionary(uniqueKeysWithValues: g.learningRateGroups(stage: stage, settings: s).map { ($0.name, $0.rate) })
        }
        func same(_ a: [String: Float], _ b: [String: Float], line: UInt = #line) {
            XCTAssertEqual(Set(a.keys), Set(b.keys), line: line)
            for (key, rate) in b { XCTAssertEqual(a[key] ?? 0, rate, accuracy: rate * 1e-6, key, line: line) }
        }
        same(rates(0), ["stage0": 5e-4, "head": 5e-4, "tail": 5e-4])
        g.addStage()
        same(rates(1), ["stage0": 5e-5, "stage1": 5e-4, "head": 5e-5, "tail": 5e-4])
        for _ in 2...4 { g.addStage() }
        let four = rates(4)
        XCTAssertEqual(Set(four.keys), ["stage2", "stage3", "stage4", "tail"])  // head and stages 0, 1 frozen
        XCTAssertEqual(four["stage2"]!, 5e-6, accuracy: 1e-12)
        XCTAssertEqual(four["stage3"]!, 5e-5, accuracy: 1e-11)
        XCTAssertEqual(four["stage4"], 5e-4)
        // A new stage starts as a copy of the newest one, not as shared tensors.
        XCTAssertEqual(g.stages[4][0].conv.weight.values, g.stages[3][0].conv.weight.values)
        XCTAssertFalse(g.stages[4][0].conv.weight === g.stages[3][0].conv.weight)
    }

    func testTrainingLowersReconstructionAndFollowsTheNoiseRules() throws {
        let model = try Model(image: testImage(), name: "test", settings: tinyConSinGAN(iterations: 60), seed: 1)
        var trainer = Trainer(model: model)
        var losses: [Int: [Float]] = [:]
        trainer.progress = { losses[$0.scale, default: []].append($0.losses.reconstruction) }
        var rng = RandomSource(seed: 1)
        XCTAssertEqual(try trainer.train(using: &rng), .finished)
        XCTAssertEqual(model.growing?.generator.stages.count, 3)
        // A new stage starts from a copy with fresh noise: its reconstruction error falls fast.
        let middle = losses[1]!
        XCTAssertLessThan(middle.suffix(5).reduce(0, +), middle.prefix(5).reduce(0, +) * 0.8)
        // z* at stage 0 is the coarsest real; finer z* are fixed 8-channel noise with the padding.
        XCTAssertEqual(model.scales[2].reconstructionNoise.values, model.scales[2].real.values)
        XCTAssertEqual(model.scales[0].reconstructionNoise.shape, [1, 8, 30 + 6, 40 + 6])
        XCTAssertEqual(model.scales[2].noiseAmp, 1)
        XCTAssertTrue(model.scales[0].noiseAmp > 0 && model.scales[0].noiseAmp < 0.1, "\(model.scales[0].noiseAmp)")
        let rec = try model.reconstruction(using: &rng)
        XCTAssertEqual(rec.width, 40)
        XCTAssertLessThan(mse(Tensor(rec), model.scales[0].real).item.squareRoot(), 0.4)
        let samples = try model.samples(count: 2, using: &rng)
        XCTAssertNotEqual(samples[0].pixels, samples[1].pixels)
        let wide = try model.samples(count: 1, stretch: (1.5, 1), using: &rng)[0]
        XCTAssertEqual(wide.width, 60)
    }

    /// Ctrl-C mid-stage puts the generator back as the last finished stage left it.
    func testInterruptRestoresTheGeneratorAndResumes() throws {
        let model = try Model(image: testImage(), name: "test", settings: tinyConSinGAN(iterations: 8), seed: 1)
        var trainer = Trainer(model: model)
        var rng = RandomSource(seed: 1)
        XCTAssertEqual(try trainer.train(downTo: 1, using: &rng), .finished)
        let saved = model.growing!.generator.namedParameters.map { $0.1.values }
        var calls = 0
        trainer.shouldStop = { calls += 1; return calls > 4 }
        XCTAssertEqual(try trainer.train(using: &rng), .interrupted(scale: 0, iteration: 4))
        XCTAssertEqual(model.growing!.generator.stages.count, 2)
        XCTAssertEqual(model.growing!.generator.namedParameters.map { $0.1.values }, saved)
        XCTAssertFalse(model.scales[0].trained)
        trainer.shouldStop = { false }
        XCTAssertEqual(try trainer.train(using: &rng), .finished)
        XCTAssertEqual(model.growing!.generator.stages.count, 3)
    }

    func testModelFileRoundTripAndPartialModels() throws {
        let model = try Model(image: testImage(), name: "test", settings: tinyConSinGAN(iterations: 5), seed: 1)
        var rng = RandomSource(seed: 1)
        _ = try Trainer(model: model).train(downTo: 1, using: &rng)
        let path = NSTemporaryDirectory() + "consingan-\(ProcessInfo.processInfo.processIdentifier).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let partial = try Model.load(from: path)
        XCTAssertEqual(partial.recipe, .consingan)
        XCTAssertEqual(partial.trainedCount, 2)
        XCTAssertEqual(partial.nextUntrained, 0)
        // Resume from the file: the third stage trains on the loaded networks.
        _ = try Trainer(model: partial).train(using: &rng)
        try partial.save(to: path)
        let loaded = try Model.load(from: path)
        XCTAssertEqual(loaded.settings, partial.settings)
        var a = RandomSource(seed: 9), b = RandomSource(seed: 9)
        XCTAssertEqual(try loaded.samples(count: 1, using: &a)[0].pixels, try partial.samples(count: 1, using: &b)[0].pixels)
        XCTAssertEqual(try SafeTensorsFile.read(from: path).metadata["recipe"], "consingan")
    }

    func testSinGANSettingsEncodeAsBefore() throws {
        let json = String(decoding: try Model.settingsCoder.encode(Settings()), as: UTF8.self)
        XCTAssertFalse(json.contains("consingan"))
        let old = json  // a file written before recipes existed decodes as SinGAN
        XCTAssertEqual(try JSONDecoder().decode(Settings.self, from: Data(old.utf8)).recipe, .singan)
    }
}
