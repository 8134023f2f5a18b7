import XCTest
import Tensor
@testable import SinGAN

final class ScoreTests: XCTestCase {
    /// A textured RGB image in [-1, 1]: stripes, a checkerboard and a blob, different per channel.
    private func texture(_ size: Int = 48) -> Tensor {
        var values: [Float] = []
        for c in 0..<3 {
            for y in 0..<size {
                for x in 0..<size {
                    let stripes = sin(Float(x + 2 * y) * 0.7 + Float(c))
                    let checks: Float = ((x / 4 + y / 4) % 2 == 0) ? 0.3 : -0.3
                    let blob = exp(-Float((x - 20) * (x - 20) + (y - 14) * (y - 14)) / 60)
                    values.append(max(-1, min(1, 0.5 * stripes + checks + 0.4 * blob - 0.1 * Float(c))))
                }
            }
        }
        return Tensor(values, shape: [1, 3, size, size])
    }

    private func noisy(_ image: Tensor, amount: Float, seed: UInt64) -> Tensor {
        var rng = RandomSource(seed: seed)
        return Tensor(image.values.map { $0 + amount * rng.normal() }, shape: image.shape)
    }

    private var quick: ScoreSettings {
        var s = ScoreSettings()
        s.directions = 64
        return s
    }

    func testConstantImageHasZeroDetailLevels() {
        let image = ImagePlanes(channels: 3, height: 40, width: 37, values: [Float](repeating: 0.3, count: 3 * 40 * 37))
        let levels = LaplacianPyramid.levels(of: image)
        XCTAssertEqual(levels.map { [$0.height, $0.width] }, [[40, 37], [20, 19]])
        XCTAssertLessThan(levels[0].values.map(abs).max() ?? 1, 1e-6)
        XCTAssertEqual(levels[1].values.map { Double($0) }.reduce(0, +) / Double(levels[1].values.count), 0.3, accuracy: 1e-6)
    }

    func testPyramidLevelsSumBackToTheImage() {
        let image = ImagePlanes.images(of: noisy(texture(70), amount: 0.2, seed: 3))[0]
        let levels = LaplacianPyramid.levels(of: image)
        XCTAssertEqual(levels.count, 3)  // 70, 35, 18; 9 is under 16
        var rebuilt = levels[levels.count - 1]
        for k in stride(from: levels.count - 2, through: 0, by: -1) {
            let up = LaplacianPyramid.up(rebuilt, height: levels[k].height, width: levels[k].width)
            rebuilt = ImagePlanes(channels: 3, height: up.height, width: up.width, values: zip(levels[k].values, up.values).map(+))
        }
        XCTAssertLessThan(zip(rebuilt.values, image.values).map { abs($0 - $1) }.max() ?? 1, 1e-5)
    }

    func testDownsampleByHand() {
        // One row of 5 (height 1): blur [1,4,6,4,1]/16 with mirrored borders, keep 0, 2, 4.
        let row = ImagePlanes(channels: 1, height: 1, width: 5, values: [16, 0, 0, 0, 0])
        // x=0: taps at -2..2 -> 2,1,0,1,2 -> 6*16/16 = 6; x=2: tap at 0 weight 1 -> 1; x=4: 0.
        XCTAssertEqual(LaplacianPyramid.down(row).values, [6, 1, 0])
        XCTAssertEqual([-2, -1, 0, 4, 5, 6].map { LaplacianPyramid.reflect($0, 5) }, [2, 1, 0, 4, 3, 2])
        XCTAssertEqual(LaplacianPyramid.reflect(-3, 1), 0)
    }

    func testIdenticalPatchSetsAreExactlyZeroApart() {
        var rng = RandomSource(seed: 1)
        let level = ImagePlanes.images(of: texture(24))[0]
        let patches = SlicedWasserstein.patches(of: level, limit: 100, rng: &rng)
        XCTAssertEqual(patches.count, 100)
        XCTAssertEqual(SlicedWasserstein.distance(patches, patches, directions: 64, rng: &rng), 0)
        // Same distribution, different counts: compared on quantiles, still 0.
        XCTAssertEqual(SlicedWasserstein.meanAbsoluteDifference([0, 1], [0, 0, 1, 1]), 0)
        XCTAssertEqual(SlicedWasserstein.meanAbsoluteDifference([0, 2], [1, 1, 3, 3]), 1)
    }

    func testSmallImageAgainstItselfIsExactlyZero() throws {
        // 16x16 has 100 patch positions, fewer than 128: every position is used on both sides.
        let image = texture(16)
        XCTAssertEqual(try score(real: image, samples: [image], seed: 5, settings: quick).swd, [0])
    }

    func testSWDGrowsWithNoise() throws {
        let image = texture()
        let amounts: [Float] = [0, 0.05, 0.15, 0.4, 1.0]
        let swds = try amounts.map { amount in
            try score(real: image, samples: [noisy(image, amount: amount, seed: 11), noisy(image, amount: amount, seed: 12)],
                      seed: 9, settings: quick).swdMean
        }
        for (lower, higher) in zip(swds, swds.dropFirst()) { XCTAssertLessThan(lower, higher, "\(swds)") }
        // Against itself only patch sampling noise remains (different positions on each side).
        XCTAssertLessThan(swds[0], 0.5 * swds[3], "the image against itself should be near 0: \(swds)")
    }

    func testDeterministicForASeed() throws {
        let image = texture(24), sample = noisy(image, amount: 0.2, seed: 4)
        let a = try score(real: image, samples: [sample], seed: 21, settings: quick)
        let b = try score(real: image, samples: [sample], seed: 21, settings: quick)
        let c = try score(real: image, samples: [sample], seed: 22, settings: quick)
        XCTAssertEqual(a.swd, b.swd)
        XCTAssertNotEqual(a.swd, c.swd)
        // A batch tensor counts as its samples.
        let batch = Tensor(sample.values + sample.values, shape: [2, 3, 24, 24])
        XCTAssertEqual(try score(real: image, samples: [batch], seed: 21, settings: quick).swd,
                       try score(real: image, samples: [sample, sample], seed: 21, settings: quick).swd)
    }

    func testDiversityByHand() throws {
        // Real: checkerboard of +-0.5, std 0.5. Samples: constants 0.2 and -0.4, per-pixel std 0.3.
        let real = Tensor((0..<(3 * 8 * 8)).map { ($0 / 8 + $0 % 8) % 2 == 0 ? 0.5 : -0.5 }, shape: [1, 3, 8, 8])
        let a = Tensor(repeating: 0.2, shape: [1, 3, 8, 8]), b = Tensor(repeating: -0.4, shape: [1, 3, 8, 8])
        XCTAssertEqual(try score(real: real, samples: [a, b], settings: quick).diversity, 0.6, accuracy: 1e-6)
        XCTAssertEqual(try score(real: real, samples: [a, a, a], settings: quick).diversity, 0)
    }

    func testReconstructionRMSEByHand() throws {
        let real = Tensor(repeating: 0.1, shape: [1, 3, 8, 8])
        // Half the values off by 0.4, half exact: sqrt(0.16 / 2).
        let rec = Tensor((0..<(3 * 64)).map { $0 % 2 == 0 ? 0.5 : 0.1 }, shape: [1, 3, 8, 8])
        let result = try score(real: real, samples: [real], reconstruction: rec, settings: quick)
        XCTAssertEqual(result.reconstructionRMSE ?? -1, (0.16 / 2.0).squareRoot(), accuracy: 1e-6)
        XCTAssertNil(try score(real: real, samples: [real], settings: quick).reconstructionRMSE)
        XCTAssertTrue(result.description.contains("reconstruction RMSE 0.2828"), result.description)
    }

    func testSizeMismatchesAreRefused() {
        let real = texture(16), larger = texture(20)
        let cases: [(() throws -> QualityScore, String)] = [
            ({ try score(real: real, samples: [larger]) }, "sample 0 has shape [1, 3, 20, 20], expected [n, 3, 16, 16]"),
            ({ try score(real: real, samples: [real], reconstruction: larger) }, "the reconstruction has shape [1, 3, 20, 20], expected [1, 3, 16, 16]"),
            ({ try score(real: real, samples: []) }, "no samples"),
            ({ try score(real: Tensor(zeros: [1, 3, 5, 9]), samples: [Tensor(zeros: [1, 3, 5, 9])]) }, "is 9x5; it needs at least 7x7"),
            ({ try score(real: Tensor(zeros: [3, 8, 8]), samples: []) }, "must have shape [1, C, H, W]"),
        ]
        for (call, words) in cases {
            XCTAssertThrowsError(try call()) { XCTAssertTrue("\($0)".contains(words), "\($0)") }
        }
    }
}
