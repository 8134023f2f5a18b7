import Foundation
import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// The injection behind the paper's applications, on a tiny model (40x30, 3 scales, 8
/// channels) trained once. The applications themselves (harmonize, edit, paint2image,
/// animate, retarget, superres) are stdlib scripts, tested in ScriptTests
/// (ApplicationScriptTests); these tests call `injection` as their `inject` does.
final class ApplicationTests: XCTestCase {
    // nonisolated(unsafe): XCTest runs these tests one at a time, on one thread.
    nonisolated(unsafe) static let model: Model = {
        // A failure here surfaces as a crash of this test class only, with the reason.
        do {
            let model = try Model(image: testImage(), name: "apps", settings: tinySettings(iterations: 8), seed: 5)
            var rng = RandomSource(seed: 5)
            _ = try Trainer(model: model).train(using: &rng)
            return model
        } catch { preconditionFailure("training the test model failed: \(error)") }
    }()

    /// A black image with a white `size x size` square at the top-left corner.
    func cornerMask(width: Int = 40, height: Int = 30, size: Int = 3) -> Image {
        paste(Image(width: size, height: size, fill: 1), onto: Image(width: width, height: height, fill: -1), x: 0, y: 0)
    }

    /// Pixels whose soft-mask value is 0 must be the training image's exactly; returns how many.
    func assertUnchangedOutsideMask(_ result: InjectionResult, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let real = Self.model.trainingImage
        guard let mask = result.mask else { XCTFail("no mask", file: file, line: line); return 0 }
        var outside = 0
        for i in 0..<mask.values.count where mask.values[i] == 0 {
            outside += 1
            for c in 0..<3 where result.output.pixels[c * real.planeSize + i] != real.pixels[c * real.planeSize + i] {
                XCTFail("pixel \(i) channel \(c) changed outside the mask", file: file, line: line); return outside
            }
        }
        return outside
    }

    /// stdlib/harmonize.sgs's default scale: the middle of the pyramid.
    var middleScale: Int { Self.model.coarsest / 2 }

    func testHarmonizeBlendsOnlyNearTheMask() throws {
        var rng = RandomSource(seed: 1)
        let real = Self.model.trainingImage
        let naive = paste(Image(width: 6, height: 6, color: (1, -1, -1)), onto: real, x: 0, y: 0)
        let result = try Self.model.injection(naive, at: middleScale, mask: cornerMask(), radius: 7, using: &rng)
        XCTAssertEqual(result.scale, middleScale)
        XCTAssertEqual([result.output.width, result.output.height], [40, 30])
        XCTAssertTrue(result.notices.isEmpty)
        XCTAssertGreaterThan(assertUnchangedOutsideMask(result), 100)
        // The far corner is well beyond 7 (dilation) + 20 (blur) pixels of the mask.
        XCTAssertEqual(result.output.rgb(x: 39, y: 29).0, real.rgb(x: 39, y: 29).0)
        XCTAssertEqual(result.mask?[x: 0, y: 0], 1)
        XCTAssertNotEqual(result.output.rgb(x: 1, y: 1).0, real.rgb(x: 1, y: 1).0)
    }

    func testEditReturnsRawAndMaskedWithTheWiderMask() throws {
        var rng = RandomSource(seed: 2)
        let result = try Self.model.injection(Self.model.trainingImage, at: 0, mask: cornerMask(size: 2), radius: 20, using: &rng)
        XCTAssertEqual(result.scale, 0)
        XCTAssertEqual([result.raw.width, result.raw.height], [40, 30])
        XCTAssertNotEqual(result.raw, result.output)
        XCTAssertGreaterThan(assertUnchangedOutsideMask(result), 0)
        // Radius 20 reaches farther than harmonization's 7.
        XCTAssertGreaterThan(result.mask?[x: 15, y: 0] ?? 0, 0.5)
    }

    func testInputsOfAnotherSizeAreResizedWithANotice() throws {
        var rng = RandomSource(seed: 3)
        let big = resize(Self.model.trainingImage, width: 80, height: 60)
        let result = try Self.model.injection(big, at: 1, mask: cornerMask(width: 20, height: 15, size: 2), using: &rng)
        XCTAssertEqual([result.output.width, result.output.height], [40, 30])
        XCTAssertEqual(result.notices.count, 2)
        XCTAssertTrue(result.notices[0].contains("80x60 to the model's 40x30"), result.notices[0])
    }

    func testBadScalesAndMasksAreClearErrors() {
        var rng = RandomSource(seed: 4)
        let real = Self.model.trainingImage
        for k in [-1, Self.model.coarsest, 99] {
            XCTAssertThrowsError(try Self.model.injection(real, at: k, mask: cornerMask(), using: &rng)) {
                XCTAssertTrue("\($0)".contains("not an injection scale"), "\($0)")
            }
        }
        XCTAssertThrowsError(try Self.model.injection(real, at: 1, mask: Image(width: 40, height: 30, fill: -1), radius: 20, using: &rng)) {
            XCTAssertTrue("\($0)".contains("mask is empty"), "\($0)")
        }
        XCTAssertThrowsError(try Self.model.injection(Image(width: 0, height: 0), at: 1, mask: cornerMask(), using: &rng))
        XCTAssertThrowsError(try Self.model.injection(Image(width: 0, height: 0), at: 1, using: &rng))
    }

    func testSuperResolutionPlanFollowsTheReference() throws {
        let x4 = try SuperResolutionPlan(factor: 4)
        XCTAssertEqual(x4.steps, 6)
        XCTAssertEqual(x4.step, 1.25992, accuracy: 1e-5)
        XCTAssertEqual(try SuperResolutionPlan(factor: 2).steps, 3)
        XCTAssertEqual(try SuperResolutionPlan(factor: 8).steps, 9)
        XCTAssertEqual(try SuperResolutionPlan(factor: 1.05).steps, 1)
        XCTAssertThrowsError(try SuperResolutionPlan(factor: 1))
        XCTAssertThrowsError(try SuperResolutionPlan(factor: .nan))
        // 33039_LR (80x120, portrait): factor exactly 1/step, coarsest shorter side >= 18.
        let settings = x4.trainingSettings(Settings())
        let geometry = try PyramidGeometry(superResolutionOf: 80, 120, settings: settings)
        XCTAssertEqual(geometry.scaleFactor, 1 / x4.step)
        XCTAssertEqual(geometry.count, 7)
        XCTAssertGreaterThanOrEqual(geometry.sizes.last?.width ?? 0, 18)
        XCTAssertEqual(settings.reconstructionWeight, 100)
    }

    func testSuperResolutionX2AndX4Sizes() throws {
        var rng = RandomSource(seed: 8)
        var s = tinySettings(iterations: 3)
        s.scales = nil
        // x2 as `train_superres` and `upscale` do it: an SR model, trained, then applied.
        let plan2 = try SuperResolutionPlan(factor: 2)
        let model2 = try SuperResolution.model(for: testImage(), plan: plan2, name: "sr2", settings: s, seed: 0)
        var steps = 0
        var trainer = Trainer(model: model2)
        trainer.progress = { _ in steps += 1 }
        XCTAssertEqual(try trainer.train(using: &rng), .finished)
        XCTAssertEqual(steps, 3 * 3)  // 3 scales (30 -> 18 at 1/1.26) x 3 iterations
        let x2 = try model2.superresolve(plan2, using: &rng)
        XCTAssertEqual([x2.width, x2.height], [80, 60])
        // x4 through the same kind of model: 6 steps of 1.26, cropped to exactly 4x.
        let plan = try SuperResolutionPlan(factor: 4)
        let model = try SuperResolution.model(for: testImage(), plan: plan, name: "sr", settings: s, seed: 1)
        _ = try Trainer(model: model).train(using: &rng)
        let x4 = try model.superresolve(plan, using: &rng)
        XCTAssertEqual([x4.width, x4.height], [160, 120])
        // A super-resolution model keeps its pyramid through a file.
        let path = NSTemporaryDirectory() + "sgs-sr-\(UUID().uuidString).sgm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try Model.load(from: path)
        XCTAssertEqual(loaded.geometry, model.geometry)
        var a = RandomSource(seed: 3), b = RandomSource(seed: 3)
        XCTAssertEqual(try model.superresolve(plan, using: &a), try loaded.superresolve(plan, using: &b))
    }

    /// The reference's harmonization inputs (256x201) on the tiny model: resized with notices.
    func testSharedHarmonizationInputsAreResized() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ImagingTests/Fixtures/images/Harmonization").standardized.path
        let naivePath = folder + "/starry_night_naive.png", maskPath = folder + "/starry_night_naive_mask.png"
        var rng = RandomSource(seed: 9)
        let result = try Self.model.injection(try readPNG(naivePath).image, at: middleScale,
                                             mask: try readPNG(maskPath).image, radius: 7, using: &rng)
        XCTAssertEqual(result.notices.count, 2)
        XCTAssertTrue(result.notices[1].contains("mask from 256x201"), result.notices[1])
        XCTAssertEqual([result.output.width, result.output.height], [40, 30])
    }
}

extension ApplicationTests {
    /// `from` below the injection scale keeps the coarser scales noise-free, so the same
    /// input gives the same output there; outside 0...k it is refused.
    func testFreshNoiseFromAFinerScale() throws {
        var a = RandomSource(seed: 10), b = RandomSource(seed: 11)
        let paint = synth(.blobs, width: 40, height: 30, seed: 2)
        let k = Self.model.coarsest - 1  // stdlib/paint2image.sgs's default
        XCTAssertThrowsError(try Self.model.injection(paint, at: k, from: k + 1, using: &a))
        let first = try Self.model.injection(paint, at: k, from: 0, using: &a)
        let second = try Self.model.injection(paint, at: k, from: 0, using: &b)
        XCTAssertNotEqual(first.raw, second.raw)  // scale 0 still draws fresh noise
        XCTAssertLessThan(first.raw.maxAbsDifference(second.raw), 1.5)
    }
}

extension ApplicationTests {
    /// The language's inject: raw without a mask, the harmonization blend with one, and a
    /// direct input of any size resized to scale k.
    func testInjectionVariants() throws {
        var rng = RandomSource(seed: 12)
        let real = Self.model.trainingImage
        let raw = try Self.model.injection(real, at: 1, using: &rng)
        XCTAssertNil(raw.mask)
        XCTAssertEqual(raw.output, raw.raw)
        let masked = try Self.model.injection(real, at: 1, mask: cornerMask(), radius: 3, using: &rng)
        XCTAssertEqual(masked.mask?.values.max(), 1)
        XCTAssertEqual(masked.mask?[x: 39, y: 29], 0)
        let direct = try Self.model.injection(synth(.stripes, width: 9, height: 7, seed: 1), at: 1, direct: true, using: &rng)
        XCTAssertEqual([direct.output.width, direct.output.height], [40, 30])
        XCTAssertTrue(direct.notices.isEmpty)
    }
}
