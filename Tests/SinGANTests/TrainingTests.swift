import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// A small textured test image made here, so the tests need no files.
func testImage(width: Int = 40, height: Int = 30) -> Image {
    var pixels = [Float](repeating: 0, count: 3 * width * height)
    for y in 0..<height {
        for x in 0..<width {
            let stripes: Float = (x / 4 + y / 6) % 2 == 0 ? 0.6 : -0.4
            let ramp = Float(y) / Float(height) - 0.5
            pixels[(0 * height + y) * width + x] = stripes
            pixels[(1 * height + y) * width + x] = ramp
            pixels[(2 * height + y) * width + x] = 0.5 * stripes - ramp
        }
    }
    return Image(width: width, height: height, pixels: pixels)
}

/// Settings that train in about a second: few channels, small pyramid.
func tinySettings(iterations: Int = 40) -> Settings {
    var s = Settings()
    s.minSize = 16
    s.maxSize = 40
    s.channels = 8
    s.maxChannels = 8
    s.scales = 3
    s.iterations = iterations
    return s
}

/// `base` with some training switches changed.
func switched(_ base: Settings, _ change: (inout Switches) -> Void) -> Settings {
    var s = base
    change(&s.switches)
    return s
}

/// Trains a tiny model of `testImage()` to the end (seed 4), checking that every scale's
/// last losses are finite; `progress` sees each report with the model.
func trainTiny(_ s: Settings, progress: @escaping (TrainingProgress, Model) -> Void = { _, _ in },
               file: StaticString = #filePath, line: UInt = #line) throws -> Model {
    let model = try Model(image: testImage(), name: "stripes", settings: s, seed: 4)
    var trainer = Trainer(model: model)
    trainer.progress = { progress($0, model) }
    var rng = RandomSource(seed: 4)
    XCTAssertEqual(try trainer.train(using: &rng), .finished, file: file, line: line)
    for scale in model.scales {
        let l = try XCTUnwrap(scale.losses, file: file, line: line)
        XCTAssertTrue(l.discriminator.isFinite && l.generator.isFinite && l.reconstruction.isFinite, "\(s.switches.summary)",
                      file: file, line: line)
    }
    return model
}

final class TrainingTests: XCTestCase {
    func testReconstructionErrorFallsAsTrainingGoes() throws {
        let model = try Model(image: testImage(), name: "test", settings: tinySettings(), seed: 1)
        XCTAssertEqual(model.scales.count, 3)
        var trainer = Trainer(model: model)
        var reconstruction: [Int: [Float]] = [:]
        trainer.progress = { reconstruction[$0.scale, default: []].append($0.losses.reconstruction) }
        var rng = RandomSource(seed: 1)
        XCTAssertEqual(try trainer.train(using: &rng), .finished)
        XCTAssertEqual(model.trainedCount, 3)
        for (k, losses) in reconstruction {
            let early = losses.prefix(5).reduce(0, +) / 5, late = losses.suffix(5).reduce(0, +) / 5
            XCTAssertLessThan(late, early * 0.8, "scale \(k): reconstruction \(early) -> \(late)")
        }
        // The finished model reconstructs its image much better than an untrained one could.
        var r = RandomSource(seed: 2)
        let rec = model.run(from: model.coarsest, to: 0, input: Tensor(zeros: model.scales[model.coarsest].real.shape),
                            noise: { _ in .reconstruction }, using: &r)
        let rmse = mse(rec, model.scales[0].real).item.squareRoot()
        XCTAssertLessThan(rmse, 0.35)
        XCTAssertTrue(model.scales[1].noiseAmp > 0 && model.scales[1].noiseAmp < 0.1)
    }

    func testSameSeedSameBytes() throws {
        func trainedSample(seed: UInt64) throws -> [Float] {
            let model = try Model(image: testImage(), name: "test", settings: tinySettings(iterations: 5), seed: seed)
            var rng = RandomSource(seed: seed)
            _ = try Trainer(model: model).train(using: &rng)
            return model.run(from: model.coarsest, to: 0, input: Tensor(zeros: model.scales[model.coarsest].real.shape),
                             noise: { _ in .random }, using: &rng).values
        }
        XCTAssertEqual(try trainedSample(seed: 3), try trainedSample(seed: 3))
        XCTAssertNotEqual(try trainedSample(seed: 3), try trainedSample(seed: 4))
    }

    func testInterruptionKeepsFinishedScales() throws {
        let model = try Model(image: testImage(), name: "test", settings: tinySettings(iterations: 10), seed: 1)
        var trainer = Trainer(model: model)
        var calls = 0
        trainer.progress = { _ in calls += 1 }
        trainer.shouldStop = { calls >= 14 }
        var rng = RandomSource(seed: 1)
        XCTAssertEqual(try trainer.train(using: &rng), .interrupted(scale: 1, iteration: 4))
        XCTAssertEqual(model.trainedCount, 1)
        XCTAssertNil(model.scales[1].generator)
        trainer.shouldStop = { false }
        XCTAssertEqual(try trainer.train(using: &rng), .finished)
        XCTAssertEqual(model.trainedCount, 3)
    }
}
