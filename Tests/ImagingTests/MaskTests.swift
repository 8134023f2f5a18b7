// Masks: threshold, disk dilation, Gaussian blur, min-max, and the reference's recipe on the
// shared masks.
import Foundation
import Imaging
import XCTest

final class MaskTests: XCTestCase {
    func testThresholdTreatsAnyNonzeroAsForeground() {
        var image = Image(width: 4, height: 1, fill: 1)  // other channels bright: only channel 0 counts
        for (x, v) in [0, 1, 128, 255].enumerated() { image[c: 0, x: x, y: 0] = expectedValue(v, maximum: 255) }
        XCTAssertEqual(threshold(image).values, [0, 1, 1, 1])
        XCTAssertEqual(threshold(image, above: 0.5).values, [0, 0, 1, 1])
        XCTAssertEqual(threshold(image, channel: 1).values, [1, 1, 1, 1])
    }

    func testDilateByDisk() {
        var dot = Mask(width: 7, height: 7)
        dot[x: 3, y: 3] = 1
        XCTAssertEqual(dilate(dot, radius: 0), dot)
        XCTAssertEqual(dilate(dot, radius: 1).values.reduce(0, +), 5)   // the 4-neighbour cross
        let two = dilate(dot, radius: 2)
        XCTAssertEqual(two.values.reduce(0, +), 13)                       // dx^2 + dy^2 <= 4
        XCTAssertEqual(two[x: 4, y: 4], 1)
        XCTAssertEqual(two[x: 5, y: 4], 0)
        XCTAssertEqual(two[x: 5, y: 3], 1)
        XCTAssertEqual(dilate(dot, radius: 3).values.reduce(0, +), 29)   // skimage disk(3) has 29 ones
        // Clipped at the border.
        var corner = Mask(width: 5, height: 5)
        corner[x: 0, y: 0] = 1
        XCTAssertEqual(dilate(corner, radius: 2).values.reduce(0, +), 6)  // (0,0) (1,0) (2,0) (0,1) (1,1) (0,2)
    }

    func testGaussianKernel() {
        let one = gaussianKernel(sigma: 1)
        XCTAssertEqual(one.count, 9)                    // radius int(4 * 1 + 0.5) = 4
        XCTAssertEqual(one[4], 0.398943, accuracy: 1e-6)
        let five = gaussianKernel(sigma: 5)
        XCTAssertEqual(five.count, 41)                  // the reference's sigma 5: 20 taps each side
        XCTAssertEqual(five.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(five[20] / five[30], exp(100.0 / 50), accuracy: 1e-9)
    }

    /// sigma 0.5: radius 2, weights w0 = 1/S, w1 = e^-2/S, w2 = e^-8/S with S = 1 + 2e^-2 + 2e^-8.
    /// Row [1, 0, 0, 0] with edges extended ('nearest'): x0 = w0 + w1 + w2, x1 = w1 + w2, x2 = w2, x3 = 0.
    func testBlurEdgesExtendTheNearestPixel() {
        let s = 1 + 2 * exp(-2.0) + 2 * exp(-8.0)
        let w0 = 1 / s, w1 = exp(-2.0) / s, w2 = exp(-8.0) / s
        let blurred = gaussianBlur(Mask(width: 4, height: 1, values: [1, 0, 0, 0]), sigma: 0.5)
        let expected = [w0 + w1 + w2, w1 + w2, w2, 0]
        for (got, want) in zip(blurred.values, expected) { XCTAssertEqual(Double(got), want, accuracy: 1e-6) }
        // Vertical pass too: the transposed row gives the transposed answer.
        let column = gaussianBlur(Mask(width: 1, height: 4, values: [1, 0, 0, 0]), sigma: 0.5)
        XCTAssertEqual(column.values, blurred.values)
        // A constant stays constant; an image blurs each channel.
        XCTAssertTrue(gaussianBlur(Mask(width: 9, height: 5, fill: 0.3), sigma: 2).values.allSatisfy { abs($0 - 0.3) < 1e-6 })
        let image = gaussianBlur(Image(width: 6, height: 6, color: (0.5, -0.25, 1)), sigma: 1.5)
        XCTAssertEqual(image[c: 1, x: 0, y: 5], -0.25, accuracy: 1e-6)
    }

    func testNormalizeMinMax() {
        let stretched = normalizeMinMax(Mask(width: 3, height: 1, values: [0.2, 0.6, 1.0])).values
        for (got, want) in zip(stretched, [Float(0), 0.5, 1]) { XCTAssertEqual(got, want, accuracy: 1e-6) }
        XCTAssertEqual(normalizeMinMax(Mask(width: 2, height: 1, values: [0.4, 0.4])).values, [1, 1])
        XCTAssertEqual(normalizeMinMax(Mask(width: 2, height: 1, values: [0, 0])).values, [0, 0])
    }

    func testMaskConversions() {
        let mask = Mask(width: 2, height: 1, values: [0, 1])
        XCTAssertEqual(mask.image.pixels, [-1, 1, -1, 1, -1, 1])
        XCTAssertEqual(mask.rgb.pixels, [0, 1, 0, 1, 0, 1])
        XCTAssertEqual(Mask(channel: 0, of: mask.image), mask)
    }

    /// The reference recipe on the shared editing and harmonization masks.
    func testSoftMaskOfTheSharedMasks() throws {
        let folder = try Fixtures.folder("images")
        for (file, radius, nonzero) in [("Editing/stone_edit_mask.png", 20, 4596), ("Harmonization/starry_night_naive_mask.png", 7, 4332)] {
            let image = try readPNG("\(folder)/\(file)").image
            let binary = threshold(image)
            XCTAssertEqual(Int(binary.values.reduce(0, +)), nonzero, "images/README.md counts \(nonzero) nonzero pixels")
            let soft = softMask(from: image, radius: radius)
            XCTAssertEqual(soft.values.min(), 0)
            XCTAssertEqual(soft.values.max(), 1)
            // Dilation plus blur widens the mask: every foreground pixel stays well inside.
            for i in 0..<binary.values.count where binary.values[i] == 1 { XCTAssertGreaterThan(soft.values[i], 0.4, file) }
            XCTAssertGreaterThan(soft.values.filter { $0 > 0.01 }.count, nonzero, file)
        }
    }
}
