import Foundation
import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// The PGGAN and pix2pixHD training switches: each trains a tiny model that behaves as the
/// switch says, and survives a save and load.
final class SwitchTrainingTests: XCTestCase {
    private func settings(iterations: Int = 4, _ change: (inout Switches) -> Void) -> Settings {
        switched(tinySettings(iterations: iterations), change)
    }

    private func train(_ s: Settings, progress: @escaping (TrainingProgress, Model) -> Void = { _, _ in }) throws -> Model {
        try trainTiny(s, progress: progress)
    }

    /// Saves, reloads and checks the reloaded model samples the same pixels.
    private func assertRoundTrip(_ model: Model, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = NSTemporaryDirectory() + "sgs-switches-\(UUID().uuidString).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Model.load(from: path)
        XCTAssertEqual(loaded.settings.switches, model.settings.switches, file: file, line: line)
        var a = RandomSource(seed: 5), b = RandomSource(seed: 5)
        XCTAssertEqual(try model.samples(count: 2, using: &a), try loaded.samples(count: 2, using: &b), file: file, line: line)
        let stored = try SafeTensorsFile.read(from: path)
        XCTAssertEqual(stored.metadata["switches"], model.settings.switches.summary, file: file, line: line)
        XCTAssertTrue(stored.metadata["settings"]?.contains("trainingSwitches") ?? false, file: file, line: line)
    }

    func testPixelNormReplacesBatchNormInGeneratorOnly() throws {
        let model = try train(settings { $0.generatorNorm = .pixel })
        let g = try XCTUnwrap(model.scales[0].generator), d = try XCTUnwrap(model.scales[0].discriminator)
        XCTAssertTrue(g.stack.blocks.allSatisfy { $0.norm == nil && $0.kind == .pixel })
        XCTAssertFalse(g.stack.namedParameters.contains { $0.0.contains("norm") })
        XCTAssertTrue(d.stack.blocks.allSatisfy { $0.norm != nil })
        try assertRoundTrip(model)
    }

    func testEqualizedLearningRateScalesEveryConv() throws {
        let model = try train(settings { $0.equalizedLearningRate = true })
        let g = try XCTUnwrap(model.scales[0].generator), d = try XCTUnwrap(model.scales[0].discriminator)
        for conv in g.stack.blocks.map(\.conv) + d.stack.blocks.map(\.conv) + [g.stack.tail, d.stack.tail] {
            XCTAssertEqual(conv.weightScale, (2 / Float(conv.weight.shape[1] * 9)).squareRoot(), accuracy: 1e-6)
        }
        try assertRoundTrip(model)
    }

    func testMinibatchStddevTrainsWithBatchFour() throws {
        let model = try train(settings(iterations: 2) { $0.minibatchStddev = true; $0.batch = 4 })
        let d = try XCTUnwrap(model.scales[0].discriminator)
        XCTAssertEqual(d.stack.tail.weight.shape[1], d.width + 1, "the tail reads the extra stddev channel")
        // The critic's score depends on how varied the batch is.
        let real = model.scales[0].real
        let same = withoutGrad { d(real.repeatedAlongBatch(4)).mean().item }
        let varied = withoutGrad { d(concatBatch(real, real * 0.2, real * -1, real + 0.3)).mean().item }
        XCTAssertNotEqual(same, varied)
        try assertRoundTrip(model)
    }

    func testMinibatchStddevWithoutABatchIsRefused() throws {
        let model = try Model(image: testImage(), name: "stripes", settings: settings { $0.minibatchStddev = true }, seed: 4)
        var rng = RandomSource(seed: 4)
        XCTAssertThrowsError(try Trainer(model: model).train(using: &rng)) { error in
            XCTAssertTrue("\(error)".contains("set batch 4"), "\(error)")
        }
    }

    func testMultiScaleCriticsAndFeatureMatching() throws {
        let model = try train(settings { $0.criticScales = 3; $0.featureMatchingWeight = 10 })
        // 40x30 pools to 20x15 (>= 11, judged) then 10x8 (too small): two critics; the
        // coarsest scale (21x16 -> 11x8) has one.
        XCTAssertEqual(model.scales[0].discriminator?.critics.count, 2)
        XCTAssertEqual(model.scales[model.coarsest].discriminator?.critics.count, 1)
        XCTAssertTrue(model.scales[0].discriminator?.namedParameters.contains { $0.0.hasPrefix("critic1.") } ?? false)
        try assertRoundTrip(model)
    }

    func testLeastSquaresTrains() throws {
        let model = try train(settings { $0.loss = .lsgan })
        // LSGAN's D loss is a mean of squares: never negative, unlike WGAN's.
        XCTAssertTrue(model.scales.allSatisfy { ($0.losses?.discriminator ?? -1) >= 0 })
        try assertRoundTrip(model)
    }

    func testFadeInFactorRisesOverItsIterations() throws {
        var seen: [Int: [Float]] = [:]
        let model = try train(settings(iterations: 6) { $0.fadeIterations = 4 }) { progress, model in
            seen[progress.scale, default: []].append(model.scales[progress.scale].generator?.fade ?? -1)
        }
        XCTAssertEqual(seen[model.coarsest], [1, 1, 1, 1, 1, 1], "nothing to fade from at the coarsest scale")
        XCTAssertEqual(seen[0], [0.25, 0.5, 0.75, 1, 1, 1])
        XCTAssertEqual(model.scales[0].generator?.fade, 1, "a trained generator uses its whole residual")
        XCTAssertEqual(FadeIn(iterations: 0).factor(at: 0), 1)
        try assertRoundTrip(model)
    }

    func testEverySwitchTogetherWithBatchAndSaveLoad() throws {
        let model = try train(settings {
            $0.fadeIterations = 2; $0.generatorNorm = .pixel; $0.equalizedLearningRate = true
            $0.minibatchStddev = true; $0.batch = 2; $0.criticScales = 2; $0.featureMatchingWeight = 5; $0.loss = .lsgan
        })
        try assertRoundTrip(model)
    }

    func testSwitchesOffGiveSinGANsLosses() throws {
        // One critic, WGAN-GP, no feature matching: CriticLoss is SinGAN's objective.
        var rng = RandomSource(seed: 8)
        let s = tinySettings()
        let d = Discriminator(width: 4, settings: s, using: &rng)
        let real = Tensor(testImage(width: 16, height: 14)), fake = real * 0.5
        let loss = CriticLoss(settings: s)
        let expectedG = -d(fake).mean().item
        XCTAssertEqual(loss.generator(d, fake: fake, real: real).item, expectedG, accuracy: 1e-6)
        var ls = s
        ls.switches.loss = .lsgan
        let lsLoss = CriticLoss(settings: ls)
        let dr = d(real), df = d(fake)
        let expectedD = 0.5 * (mean(dr.values.map { ($0 - 1) * ($0 - 1) }) + mean(df.values.map { $0 * $0 }))
        XCTAssertEqual(lsLoss.discriminator(d, real: real, fake: fake, alphas: [0.3]).item, expectedD, accuracy: 1e-5)
        XCTAssertEqual(lsLoss.generator(d, fake: fake, real: real).item, mean(df.values.map { ($0 - 1) * ($0 - 1) }), accuracy: 1e-5)
        // Feature matching is zero between identical images and grows with the difference.
        var fm = s
        fm.switches.featureMatchingWeight = 10
        let withFM = CriticLoss(settings: fm)
        XCTAssertEqual(withFM.generator(d, fake: real, real: real).item, -d(real).mean().item, accuracy: 1e-5)
        XCTAssertGreaterThan(withFM.generator(d, fake: fake, real: real).item, expectedG + 1e-3)
    }

    func testSettingsWithoutSwitchesEncodeAsBeforeAndLoadWithThemOff() throws {
        // All off: nothing about switches is written, so such files are as they were.
        var s = tinySettings()
        s.switches.batch = 4
        s.switches.batch = 1
        XCTAssertNil(s.trainingSwitches)
        let json = String(decoding: try Model.settingsCoder.encode(s), as: UTF8.self)
        XCTAssertFalse(json.lowercased().contains("switches"))
        let decoded = try JSONDecoder().decode(Settings.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, tinySettings())
        XCTAssertEqual(decoded.switches.summary, "none")
        // A file that names only some switches (written before others existed) reads the rest as off.
        let partial = json.replacingOccurrences(of: "{", with: #"{"trainingSwitches":{"batch":2},"#, options: .anchored)
        XCTAssertEqual(try JSONDecoder().decode(Settings.self, from: Data(partial.utf8)).switches.summary, "batch 2")
    }

    func testCriticCountFollowsTheReceptiveField() {
        var s = Settings()
        s.switches.criticScales = 3
        XCTAssertEqual(Discriminator.criticCount(height: 25, width: 34, settings: s), 2)   // 13x17, then 7x9
        XCTAssertEqual(Discriminator.criticCount(height: 188, width: 250, settings: s), 3) // 94x125, 47x63
        XCTAssertEqual(Discriminator.criticCount(height: 188, width: 250, settings: Settings()), 1)
    }

    private func mean(_ v: [Float]) -> Float { v.reduce(0, +) / Float(v.count) }
}

/// [1, C, H, W] tensors stacked into one batch.
private func concatBatch(_ parts: Tensor...) -> Tensor {
    let out = Tensor(uninitialized: [parts.count] + parts[0].shape.dropFirst())
    for (i, p) in parts.enumerated() { (out.pointer + i * p.count).update(from: p.pointer, count: p.count) }
    return out
}
