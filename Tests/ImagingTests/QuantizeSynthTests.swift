// k-means colour quantisation and the procedural images.
import Imaging
import XCTest

final class QuantizeTests: XCTestCase {
    /// Three exact colours in blocks of 10, 6 and 4 pixels.
    func threeColours() -> Image {
        var image = Image(width: 5, height: 4)
        let colours: [(Float, Float, Float)] = [(-1, -1, -1), (1, 0, 0), (0, 0.5, 1)]
        for i in 0..<20 {
            let c = i < 10 ? colours[0] : i < 16 ? colours[1] : colours[2]
            image.pixels[i] = c.0; image.pixels[20 + i] = c.1; image.pixels[40 + i] = c.2
        }
        return image
    }

    func testRecoversExactClusters() {
        let image = threeColours()
        let result = kMeansQuantize(image, k: 3, seed: 0)
        let centres = Set(result.centers.map { "\($0.r),\($0.g),\($0.b)" })
        XCTAssertEqual(centres, ["-1.0,-1.0,-1.0", "1.0,0.0,0.0", "0.0,0.5,1.0"])
        XCTAssertEqual(result.image, image)
        XCTAssertEqual(Set(result.labels[0..<10]).count, 1)
        XCTAssertEqual(Set(result.labels).count, 3)
    }

    /// k = 1 is the mean colour: (10 * -1 + 6 * 1 + 4 * 0) / 20 = -0.2 and so on.
    func testOneClusterIsTheMean() {
        let result = kMeansQuantize(threeColours(), k: 1, seed: 3)
        XCTAssertEqual(result.centers.count, 1)
        XCTAssertEqual(result.centers[0].r, -0.2, accuracy: 1e-6)
        XCTAssertEqual(result.centers[0].g, (-10 + 0 + 2) / 20, accuracy: 1e-6)
        XCTAssertEqual(result.centers[0].b, (-10 + 0 + 4) / 20, accuracy: 1e-6)
    }

    func testDeterministicForASeedAndMapsToNearest() {
        let image = synth(.landscape, width: 40, height: 30, seed: 7)
        let a = kMeansQuantize(image, k: 5, seed: 0), b = kMeansQuantize(image, k: 5, seed: 0)
        XCTAssertEqual(a.image, b.image)
        XCTAssertEqual(a.labels, b.labels)
        XCTAssertEqual(a.centers.count, 5)
        XCTAssertLessThanOrEqual(a.iterations, 100)
        // Mapping the same image onto the final centres gives the same picture.
        XCTAssertEqual(mapToNearestCenter(image, centers: a.centers), a.image)
        // Hand case: (0.4, 0, 0) is nearer (1, 0, 0) than (-1, -1, -1).
        let one = mapToNearestCenter(Image(width: 1, height: 1, color: (0.4, 0, 0)), centers: [(-1, -1, -1), (1, 0, 0)])
        XCTAssertEqual(one.pixels, [1, 0, 0])
        // k larger than the pixel count is clamped.
        XCTAssertEqual(kMeansQuantize(Image(width: 2, height: 1), k: 9).centers.count, 2)
    }
}

final class SynthTests: XCTestCase {
    func testDeterministicAndInRange() {
        for pattern in SynthPattern.allCases {
            let a = synth(pattern, width: 37, height: 23, seed: 42)
            XCTAssertEqual(a.width, 37)
            XCTAssertEqual(a.height, 23)
            XCTAssertEqual(a, synth(pattern, width: 37, height: 23, seed: 42), "\(pattern)")
            XCTAssertNotEqual(a, synth(pattern, width: 37, height: 23, seed: 43), "\(pattern)")
            XCTAssertTrue(a.pixels.allSatisfy { $0 >= -1 && $0 <= 1 }, "\(pattern)")
            XCTAssertGreaterThan(Set(a.pixels).count, 3, "\(pattern) is not flat")
        }
        XCTAssertTrue(synth(.blobs, width: 0, height: 5, seed: 1).isEmpty)
    }

    func testLandscapeHasSkyAboveGround() {
        let image = synth(.landscape, width: 64, height: 48, seed: 1)
        for x in stride(from: 0, to: 64, by: 8) {
            XCTAssertGreaterThan(image[c: 2, x: x, y: 0], image[c: 0, x: x, y: 0], "sky is blue at the top")
            XCTAssertGreaterThan(image[c: 0, x: x, y: 47], image[c: 2, x: x, y: 47], "ground is brown at the bottom")
        }
    }
}
