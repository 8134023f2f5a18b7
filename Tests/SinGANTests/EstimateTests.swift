import Foundation
import Tensor
import XCTest
@testable import SinGAN

/// Training-time estimates: counted FLOPs, the cached speed, the whole run's time left.
final class EstimateTests: XCTestCase {
    func testConvCountsAndIterationCosts() throws {
        // 3 -> 32 then 32 -> 1 on 10x10: 2*9*3*32*8*8 + 2*9*32*1*6*6.
        XCTAssertEqual(TrainingCost.stack(channels: [3, 32, 1], kernel: 3, height: 10, width: 10), 110_592 + 20_736)
        let singan = try Model(image: testImage(), name: "t", settings: tinySettings(), seed: 1)
        let consingan = try Model(image: testImage(), name: "t", settings: tinyConSinGAN(), seed: 1)
        for model in [singan, consingan] {
            // Finer scales cost more; the total is the per-scale sum times the iterations.
            XCTAssertGreaterThan(model.iterationFLOPs(atScale: 0), model.iterationFLOPs(atScale: 1))
            XCTAssertGreaterThan(model.iterationFLOPs(atScale: 1), model.iterationFLOPs(atScale: 2))
            let perIteration = (0...2).reduce(0) { $0 + model.iterationFLOPs(atScale: $1) }
            XCTAssertEqual(model.trainingFLOPs(iterations: 10), 10 * perIteration, accuracy: 1)
            XCTAssertEqual(model.trainingFLOPs(from: 1, to: 0, iterations: 1),
                           model.iterationFLOPs(atScale: 0) + model.iterationFLOPs(atScale: 1), accuracy: 1)
        }
        // Doubling the width roughly quadruples the arithmetic.
        var wide = tinyConSinGAN()
        wide.channels = 16
        let wider = try Model(image: testImage(), name: "t", settings: wide, seed: 1)
        let ratio = wider.iterationFLOPs(atScale: 0) / consingan.iterationFLOPs(atScale: 0)
        XCTAssertTrue(ratio > 3.3 && ratio < 4.1, "\(ratio)")
    }

    func testSwitchesThatAddWorkAreCounted() throws {
        for base in [tinySettings(), tinyConSinGAN()] {
            func cost(_ change: (inout Settings) -> Void) throws -> Double {
                var s = base
                change(&s)
                return try Model(image: testImage(), name: "t", settings: s, seed: 1).iterationFLOPs(atScale: 0)
            }
            let plain = try cost { _ in }
            // A batch of 4 repeats the critic steps and the fake four times, not the reconstruction.
            let batched = try cost { $0.switches.batch = 4 } / plain
            XCTAssertTrue(batched > 3.3 && batched < 4, "\(base.recipe) batch 4: \(batched)")
            XCTAssertGreaterThan(try cost { $0.switches.featureMatchingWeight = 10 }, plain)
            // A second critic on the image pooled once costs about a quarter of the first.
            let model = try Model(image: testImage(), name: "t", settings: base, seed: 1)
            var two = base
            two.switches.criticScales = 2
            let fits = Discriminator.criticCount(height: model.scales[0].height, width: model.scales[0].width, settings: two) == 2
            let pooled = try cost { $0.switches.criticScales = 2 } / plain
            XCTAssertTrue(fits ? pooled > 1.01 && pooled < 1.3 : pooled == 1, "\(base.recipe) dscales 2 (fits: \(fits)): \(pooled)")
        }
    }

    func testTheCachedSpeedIsUsedAndMissingOnesAreMeasuredAndKept() throws {
        let path = NSTemporaryDirectory() + "sgs-speed-\(ProcessInfo.processInfo.processIdentifier)/engine-speed.json"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        EngineSpeed.writeCache([EngineSpeed.machineKey + " singan 8": 2e9], to: path)
        XCTAssertEqual(EngineSpeed.flopsPerSecond(.singan, channels: 8, cacheFile: path), 2e9)
        let model = try Model(image: testImage(), name: "t", settings: tinySettings(iterations: 7), seed: 1)
        XCTAssertEqual(EngineSpeed.seconds(model, cacheFile: path), model.trainingFLOPs() / 2e9, accuracy: 1e-9)
        // An unknown width is measured once and written next to the others.
        let measured = EngineSpeed.flopsPerSecond(.consingan, channels: 8, cacheFile: path)
        XCTAssertGreaterThan(measured, 1e6)
        XCTAssertEqual(EngineSpeed.readCache(path)?.count, 2)
    }

    func testRunClockUsesCalibrationFirstThenWhatItSees() throws {
        let model = try Model(image: testImage(), name: "t", settings: tinySettings(iterations: 10), seed: 1)
        let total = model.trainingFLOPs()
        let clock = RunClock(model: model, to: 0, iterations: nil, calibrated: 1e6, start: 100)
        XCTAssertEqual(clock.secondsLeft(scale: 2, iteration: 0, iterations: 10, now: 100)!, total / 1e6, accuracy: 1e-6)
        // After the two coarse scales in 50 s, the rest at the speed seen so far.
        let done = model.trainingFLOPs(from: 2, to: 1)
        let left = clock.secondsLeft(scale: 1, iteration: 10, iterations: 10, now: 150)!
        XCTAssertEqual(left, (total - done) / (done / 50), accuracy: 1e-6)
        XCTAssertNil(RunClock(model: model, to: 0, iterations: nil, calibrated: nil, start: 0)
            .secondsLeft(scale: 2, iteration: 1, iterations: 10, now: 1))
    }
}
