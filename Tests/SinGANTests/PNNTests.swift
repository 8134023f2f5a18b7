import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// The PNN applications: what a user relies on (sizes, determinism, kept pixels, errors).
final class PNNTests: XCTestCase {
    let photo = synth(.landscape, width: 64, height: 48, seed: 3)

    /// Small and quick: 4 levels, 3 steps per level.
    var quick: PNNSettings {
        var s = PNNSettings()
        s.levels = 4
        s.iterations = 2
        return s
    }

    func testSameSeedGivesTheSameBytesAndAnotherSeedAnotherSample() throws {
        let a = try PNN.sample(photo, settings: quick, seed: 11)
        let b = try PNN.sample(photo, settings: quick, seed: 11)
        let c = try PNN.sample(photo, settings: quick, seed: 12)
        XCTAssertEqual(a.pixels, b.pixels)
        XCTAssertNotEqual(a.pixels, c.pixels)
        XCTAssertEqual(a.width, 64)
        XCTAssertEqual(a.height, 48)
    }

    func testThreadCountDoesNotChangeTheSample() throws {
        // Every search mode: exact tiles, PatchMatch strips and the completeness term.
        for search in PNNSearch.allCases {
            var s = quick
            s.search = search
            s.alpha = 5e-3
            s.exactPairs = 100_000
            let saved = Threads.count
            Threads.set(1)
            let small = synth(.landscape, width: 40, height: 30, seed: 3)
            s.levels = 2
            let one = try PNN.sample(small, settings: s, seed: 5)
            Threads.set(2)
            let two = try PNN.sample(small, settings: s, seed: 5)
            Threads.set(saved)
            XCTAssertEqual(one.pixels, two.pixels, "\(search)")
        }
    }

    func testWithoutNoiseOrLevelsTheImageComesBack() throws {
        // Every patch's nearest neighbour is itself, so replace-and-average is the identity.
        var s = quick
        s.levels = 0
        s.noise = 0
        let out = try PNN.sample(photo, settings: s, seed: 1)
        XCTAssertEqual(out.maxAbsDifference(photo), 0, accuracy: 1e-4)
        XCTAssertEqual(PNN.copyShare(sample: out, of: photo), 1, accuracy: 1e-9)
    }

    func testSamplesAreMadeOfTheImagesPatchesButAreNotCopies() throws {
        let out = try PNN.sample(photo, settings: quick, seed: 2)
        XCTAssertGreaterThan(out.maxAbsDifference(photo), 0.2)
        XCTAssertLessThan(PNN.copyShare(sample: out, of: photo), 0.98)
        // Colours stay within the image's range (up to the bicubic's small overshoot).
        XCTAssertLessThan(out.pixels.max()!, photo.pixels.max()! + 0.1)
        XCTAssertGreaterThan(out.pixels.min()!, photo.pixels.min()! - 0.1)
    }

    func testRetargetingAndAnalogyHaveTheirTargetSizes() throws {
        var s = PNNSettings.retargeting
        s.levels = 3
        s.iterations = 2
        s.coarsestIterations = 2
        let wide = try PNN.sample(photo, size: (96, 48), settings: s, seed: 1)
        XCTAssertEqual([wide.width, wide.height], [96, 48])
        var a = PNNSettings.analogy
        a.levels = 2
        a.iterations = 2
        let layout = synth(.blobs, width: 50, height: 40, seed: 1)
        let analogy = try PNN.analogy(layout: layout, patches: photo, settings: a, seed: 1)
        XCTAssertEqual([analogy.width, analogy.height], [50, 40])
    }

    func testInpaintingKeepsTheKnownPixelsAndFillsTheHole() throws {
        var hole = Mask(width: 64, height: 48)
        for y in 18..<30 { for x in 25..<40 { hole[x: x, y: y] = 1 } }
        var s = PNNSettings.layoutPreserving
        s.levels = 2
        s.iterations = 3
        let out = try PNN.inpaint(photo, hole: hole, settings: s, seed: 1)
        var outside: Float = 0, insideVariation: Float = 0
        for c in 0..<3 { for y in 0..<48 { for x in 0..<64 {
            let i = photo.index(c, x, y)
            if hole[x: x, y: y] > 0.5 {
                insideVariation = max(insideVariation, abs(out.pixels[i] - out.pixels[photo.index(c, 25, 18)]))
            } else {
                outside = max(outside, abs(out.pixels[i] - photo.pixels[i]))
            }
        } } }
        XCTAssertEqual(outside, 0)
        XCTAssertGreaterThan(insideVariation, 0.05, "the hole is filled with texture, not left one flat colour")
    }

    func testBadInputsAreErrorsNamingTheProblem() {
        XCTAssertThrowsError(try PNN.sample(synth(.blobs, width: 30, height: 20, seed: 1), settings: PNNSettings(), seed: 1)) {
            XCTAssertTrue("\($0)".contains("smaller than the 7x7 patches"), "\($0)")
        }
        var hole = Mask(width: 64, height: 48, fill: 1)
        hole[x: 0, y: 0] = 0
        XCTAssertThrowsError(try PNN.inpaint(photo, hole: hole, settings: quick, seed: 1)) {
            XCTAssertTrue("\($0)".contains("no whole 7x7 patch outside the hole"), "\($0)")
        }
        XCTAssertThrowsError(try PNN.inpaint(photo, hole: Mask(width: 10, height: 10), settings: quick, seed: 1)) {
            XCTAssertTrue("\($0)".contains("the mask is 10x10 but the image is 64x48"), "\($0)")
        }
    }

    func testTheCheckBetweenStepsCanStopASample() {
        // Ctrl-C reaches PNN through this closure: one call per step, and its error stops the run.
        struct Stop: Error {}
        var calls = 0
        XCTAssertThrowsError(try PNN.sample(photo, settings: quick, seed: 1, check: {
            calls += 1
            if calls == 3 { throw Stop() }
        })) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(calls, 3)
        var all = 0
        XCTAssertNoThrow(try PNN.sample(photo, settings: quick, seed: 1, check: { all += 1 }))
        XCTAssertEqual(all, quick.coarsestIterations + quick.levels * quick.iterations)
    }

    func testThePyramidIsGPNNs() {
        // gpnn.md: 188x250 at r = 0.75 and 9 downscalings ends at 15x19, computed from the original.
        let sizes = PNNPyramid.sizes(width: 250, height: 188, ratio: 0.75, levels: 9)
        XCTAssertEqual(sizes.map(\.height), [188, 141, 106, 80, 60, 45, 34, 26, 19, 15])
        XCTAssertEqual(sizes.last, PixelSize(width: 19, height: 15))
    }
}
