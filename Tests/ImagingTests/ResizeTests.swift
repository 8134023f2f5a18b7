// The reference's bicubic: weights against singan.md's worked example and hand-computed
// values, sizes against the pyramid tables.
import Foundation
import Imaging
import XCTest

final class ResizeTests: XCTestCase {
    func testKeysCubic() {
        XCTAssertEqual(keysCubic(0), 1)
        XCTAssertEqual(keysCubic(1), 0)
        XCTAssertEqual(keysCubic(-2), 0)
        XCTAssertEqual(keysCubic(0.25), 0.8671875)
        XCTAssertEqual(keysCubic(-1.25), -0.0703125)
        XCTAssertEqual(keysCubic(0.75), 0.2265625)
        XCTAssertEqual(keysCubic(1.75), -0.0234375)
        XCTAssertEqual(keysCubic(2.5), 0)
    }

    /// singan.md section 4: 100 -> 75 px.
    func testWorkedExampleWeights() {
        let weights = resizeWeights(inLength: 100, outLength: 75, scale: 0.75)
        let first = weights.contributions(ofOutput: 0)
        XCTAssertEqual(first.map(\.index), [0, 1, 2])
        for (got, want) in zip(first.map(\.weight), [0.7529, 0.3043, -0.0572]) { XCTAssertEqual(got, want, accuracy: 5e-5) }
        let last = weights.contributions(ofOutput: 74)
        XCTAssertEqual(last.map(\.index), [97, 98, 99, 99, 98])
        for (got, want) in zip(last.map(\.weight), [-0.0552, 0.2936, 0.7263, 0.0684, -0.0331]) {
            XCTAssertEqual(got, want, accuracy: 5e-5)
        }
        XCTAssertEqual(last.count, 5)
        for o in 0..<75 { XCTAssertEqual(weights.contributions(ofOutput: o).map(\.weight).reduce(0, +), 1, accuracy: 1e-12) }
    }

    /// One row holding `values`, identical in all channels and `rows` rows.
    func rowImage(_ values: [Float], rows: Int = 1) -> Image {
        var image = Image(width: values.count, height: rows)
        for c in 0..<3 { for y in 0..<rows { for (x, v) in values.enumerated() { image[c: c, x: x, y: y] = v } } }
        return image
    }

    func row(_ image: Image, y: Int = 0, channel c: Int = 0) -> [Float] {
        (0..<image.width).map { image[c: c, x: $0, y: y] }
    }

    func testConstantStaysConstant() {
        let gray = Image(width: 17, height: 11, color: (0.25, -0.5, 0.75))
        for resized in [resize(gray, scale: 2), resize(gray, scale: 0.75), resize(gray, scale: 0.3),
                        resize(gray, width: 40, height: 9), resize(gray, scaleX: 1.3, scaleY: 0.6)] {
            for c in 0..<3 {
                let want: Float = [0.25, -0.5, 0.75][c]
                XCTAssertTrue(resized.plane(c).allSatisfy { abs($0 - want) < 1e-6 }, "\(resized.width)x\(resized.height)")
            }
        }
    }

    /// 2x upsample of the ramp 0, 1, ..., 7. Output j sits at input j/2 - 0.25; cubic
    /// convolution reproduces a ramp where all four taps are inside (j = 3...12). At the left edge the dropped tap leaves
    /// weights 0.8671875 and -0.0703125 on pixels 0 and 1, renormalised: -0.0703125/0.796875
    /// = -3/34. At the right edge taps 8, 9 reflect to 7, 6:
    /// -0.0703125*6 + 0.8671875*7 + 0.2265625*7 - 0.0234375*6 = 7.09375.
    func testRampUpsample() {
        let ramp = rowImage((0..<8).map(Float.init), rows: 3)
        let up = resize(ramp, scaleX: 2, scaleY: 1)
        XCTAssertEqual(up.width, 16)
        XCTAssertEqual(up.height, 3)
        let out = row(up, y: 1, channel: 2)
        XCTAssertEqual(out[0], -3.0 / 34, accuracy: 1e-6)
        for j in 3...12 { XCTAssertEqual(out[j], Float(j) / 2 - 0.25, accuracy: 1e-5, "output \(j)") }
        XCTAssertEqual(out[15], 7.09375, accuracy: 1e-6)
    }

    /// 4 -> 2 at scale 0.5: kernel 0.5 * cubic(0.5 x), 10 taps. Output 0 sits at 0.5:
    /// weights (unnormalised) .8671875, .8671875, .2265625 on 0, 1, 2 and -.0703125, -.0234375
    /// both on 3 (tap 4 reflects to 3); taps -1..-3 dropped. For the ramp 0..3: 133/239.
    /// Output 1 sits at 2.5: -.0703125, .2265625, .8671875, .8671875 on 0..3, then .2265625,
    /// -.0703125, -.0234375 reflected onto 3, 2, 1; tap -1 dropped: 650/259.
    func testRampDownsample() {
        let small = resize(rowImage([0, 1, 2, 3], rows: 2), scaleX: 0.5, scaleY: 1)
        XCTAssertEqual(small.width, 2)
        let out = row(small, y: 1)
        XCTAssertEqual(out[0], 133.0 / 239, accuracy: 1e-6)
        XCTAssertEqual(out[1], 650.0 / 259, accuracy: 1e-6)
        let weights = resizeWeights(inLength: 4, outLength: 2, scale: 0.5)
        XCTAssertEqual(weights.taps, 10)
        XCTAssertEqual(weights.contributions(ofOutput: 0).map(\.index), [0, 1, 2, 3, 3])
        XCTAssertEqual(weights.contributions(ofOutput: 1).map(\.index), [0, 1, 2, 3, 3, 2, 1])
    }

    /// Separable: resizing both axes equals resizing x then y by hand.
    func testTwoAxesComposeAsSeparablePasses() {
        var image = Image(width: 9, height: 7)
        for i in 0..<image.pixels.count { image.pixels[i] = Float((i * 37) % 23) / 11 - 1 }
        let both = resize(image, scaleX: 1.5, scaleY: 0.8)
        let stepwise = resize(resize(image, scaleX: 1, scaleY: 0.8), scaleX: 1.5, scaleY: 1)
        XCTAssertEqual(both.width, 14)
        XCTAssertEqual(both.height, 6)
        XCTAssertLessThan(both.maxAbsDifference(stepwise), 1e-6)
    }

    /// singan.md section 3: 250 x 188 with sf = (25/188)^(1/9); 26, not 25, at the coarsest.
    func testPyramidSizesOfTheWorkedExample() {
        let sf = pow(25.0 / 188.0, 1.0 / 9.0)
        XCTAssertEqual(sf, 0.79918, accuracy: 1e-5)
        let expected = [(26, 34), (32, 42), (40, 53), (49, 66), (62, 82), (77, 102), (96, 128), (121, 160), (151, 200), (188, 250)]
        for (n, (h, w)) in expected.enumerated() {
            let size = resizedSize(width: 250, height: 188, scale: pow(sf, Double(9 - n)))
            XCTAssertEqual(size.height, h, "scale \(n)")
            XCTAssertEqual(size.width, w, "scale \(n)")
        }
        XCTAssertEqual(resizedLength(250, scale: pow(pow(25.0 / 250.0, 1.0 / 9.0), 9)), 26)
        let coarsest = resize(Image(width: 250, height: 188), scale: pow(sf, 9))
        XCTAssertEqual(coarsest.width, 34)
        XCTAssertEqual(coarsest.height, 26)
    }

    func testUpsampleAndCropToTheNextLevel() {
        let sf = pow(25.0 / 188.0, 1.0 / 9.0)
        var coarse = Image(width: 34, height: 26)
        for i in 0..<coarse.pixels.count { coarse.pixels[i] = sin(Float(i) * 0.1) }
        let up = upsampleAndCrop(coarse, scale: 1 / sf, width: 42, height: 32)
        XCTAssertEqual(up.width, 42)
        XCTAssertEqual(up.height, 32)
        let full = resize(coarse, scale: 1 / sf)
        XCTAssertEqual(full.width, 43)
        XCTAssertEqual(up, crop(full, x: 0, y: 0, width: 42, height: 32))
    }

    func testScaleOneIsIdentityAndBadScalesAreHarmless() {
        var image = Image(width: 5, height: 4)
        for i in 0..<image.pixels.count { image.pixels[i] = Float(i) / 30 - 0.5 }
        XCTAssertEqual(resize(image, scale: 1), image)
        XCTAssertEqual(resize(image, scale: 0), image)
        XCTAssertEqual(resize(image, scale: .nan), image)
        XCTAssertEqual(resize(image, scale: -2), image)
        XCTAssertEqual(resize(image, width: 0, height: 3), image)
        XCTAssertEqual(resizedLength(10, scale: .infinity), 0)
        XCTAssertEqual(resize(image, scale: 999_999), image, "absurd outputs are refused, not allocated")
        XCTAssertEqual(resize(image, width: Int.max / 2, height: Int.max / 2), image)
    }

    /// The reference quantises its input to uint8 by truncation: scale 1 is then exactly that
    /// round trip. A value that sits a hair below its level drops one level.
    func testReference8BitRoundTrip() {
        var image = Image(width: 256, height: 1)
        for v in 0..<256 { for c in 0..<3 { image[c: c, x: v, y: 0] = expectedValue(v, maximum: 255) } }
        let round = resize(image, scale: 1, mode: .reference8Bit)
        var dropped = 0
        for v in 0..<256 {
            let got = round[c: 0, x: v, y: 0]
            if got != image[c: 0, x: v, y: 0] {
                XCTAssertEqual(got, expectedValue(v - 1, maximum: 255), "level \(v)")
                dropped += 1
            }
        }
        XCTAssertEqual(dropped, 63, "singan.md: 63 of 256 levels lose one step")
        // Out-of-range values are clamped before quantisation and after.
        let wild = resize(rowImage([-5, 5, 0.3]), scale: 1, mode: .reference8Bit)
        XCTAssertEqual(row(wild), [-1, 1, expectedValue(165, maximum: 255)])
        // Overshoot of the negative lobes is clamped in .clamped and kept in .linear.
        let edge = rowImage([-1, -1, 1, 1, -1, -1])
        XCTAssertGreaterThan(resize(edge, scaleX: 3, scaleY: 1).pixels.max() ?? 0, 1)
        XCTAssertEqual(resize(edge, scaleX: 3, scaleY: 1, mode: .clamped).pixels.max(), 1)
    }
}
