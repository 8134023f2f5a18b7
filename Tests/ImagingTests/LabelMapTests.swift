// Label maps: CIELAB, k-means labelling, snapping a painting to a palette, boundaries.
import Imaging
import XCTest

final class LabelMapTests: XCTestCase {
    /// Four regions of known colours (sky, grass, earth, a red square), each pixel jittered
    /// by up to 3 levels of 255 so k-means has real clustering to do.
    let colours: [(Float, Float, Float)] = [(0.2, 0.5, 0.9), (-0.5, 0.1, -0.6), (-0.1, -0.3, -0.7), (0.8, -0.8, -0.7)]

    func regions(width: Int = 40, height: Int = 30) -> (image: Image, truth: [Int]) {
        var image = Image(width: width, height: height)
        var truth = [Int](repeating: 0, count: width * height)
        let n = width * height
        for y in 0..<height {
            for x in 0..<width {
                let region = (x >= 25 && x < 32 && y >= 5 && y < 12) ? 3 : y < 12 ? 0 : x < 20 ? 1 : 2
                let i = y * width + x
                truth[i] = region
                let jitter = Float((x * 7 + y * 13) % 7 - 3) / 255 * 2
                let c = colours[region]
                image.pixels[i] = c.0 + jitter; image.pixels[n + i] = c.1 - jitter; image.pixels[2 * n + i] = c.2 + jitter
            }
        }
        return (image, truth)
    }

    func testLabColorMatchesKnownValues() {
        let white = labColor(1, 1, 1), black = labColor(-1, -1, -1), red = labColor(1, -1, -1)
        XCTAssertEqual(white.x, 100, accuracy: 0.01); XCTAssertEqual(white.y, 0, accuracy: 0.01); XCTAssertEqual(white.z, 0, accuracy: 0.01)
        XCTAssertEqual(black.x, 0, accuracy: 0.01)
        // sRGB red in CIELAB (D65): L 53.24, a 80.09, b 67.20.
        XCTAssertEqual(red.x, 53.24, accuracy: 0.05); XCTAssertEqual(red.y, 80.09, accuracy: 0.05); XCTAssertEqual(red.z, 67.20, accuracy: 0.05)
    }

    func testKMeansRecoversTheRegionsExactly() {
        let (image, truth) = regions()
        let map = clusterLabels(image, colors: 4, seed: 7)
        XCTAssertEqual(map.palette.count, 4)
        // One label per region, and each region is one label: the partitions agree exactly.
        let pairs = Set(zip(truth, map.labels).map { "\($0)-\($1)" })
        XCTAssertEqual(pairs.count, 4)
        // The palette is the regions' colours (the jitter averages out) in share order:
        // sky 480 - 49 square pixels, earth 360, grass 360, square 49.
        XCTAssertEqual(map.labels[0], 0)
        XCTAssertEqual(map.shares.map { Int(($0 * 1200).rounded()) }, [431, 360, 360, 49])
        for (label, region) in zip(map.labels, truth) {
            let c = map.palette[label], want = colours[region]
            XCTAssertEqual(c.x, want.0, accuracy: 2.0 / 255); XCTAssertEqual(c.y, want.1, accuracy: 2.0 / 255)
            XCTAssertEqual(c.z, want.2, accuracy: 2.0 / 255)
        }
    }

    func testSameSeedSameMapAndFlatImagesKeepTheirColours() {
        let (image, _) = regions()
        let a = clusterLabels(image, colors: 6, seed: 11), b = clusterLabels(image, colors: 6, seed: 11)
        XCTAssertEqual(a.labels, b.labels)
        XCTAssertEqual(a.image, b.image)
        // A map labelled again is itself: its colours are on the 8-bit grid and it has only 6.
        let again = clusterLabels(a.image, colors: 6, seed: 99)
        XCTAssertEqual(again.image, a.image)
        XCTAssertEqual(again.palette, a.palette)
        // Asking for more labels than colours gives the colours, no duplicates.
        XCTAssertEqual(clusterLabels(a.image, colors: 20, seed: 1).palette.count, a.palette.count)
    }

    func testSnappingAPaintingCountsFarPixels() {
        let palette: [SIMD3<Float>] = [SIMD3(-1, -1, -1), SIMD3(1, 1, 1)]
        // 100 pixels: 60 near black, 35 near white (a few levels off), 5 pure green (far from both).
        var painting = Image(width: 10, height: 10)
        for i in 0..<100 {
            let rgb: (Float, Float, Float) = i < 60 ? (-0.98, -1, -0.97) : i < 95 ? (0.97, 1, 0.98) : (-1, 1, -1)
            painting.pixels[i] = rgb.0; painting.pixels[100 + i] = rgb.1; painting.pixels[200 + i] = rgb.2
        }
        let (map, far) = snapLabels(painting, to: palette, farDeltaE: 10)
        XCTAssertEqual(far, 0.05, accuracy: 1e-12)
        XCTAssertEqual(map.labels.filter { $0 == 0 }.count, 60 + (map.labels[95] == 0 ? 5 : 0))
        XCTAssertTrue(map.labels[60..<95].allSatisfy { $0 == 1 })
        let (_, none) = snapLabels(map.image, to: palette)
        XCTAssertEqual(none, 0)
    }

    func testFlatLabelsOrdersByShareAndRefusesPhotos() {
        var image = Image(width: 4, height: 1, color: (1, 1, 1))
        image.set(x: 0, y: 0, (-1, -1, -1))
        let map = flatLabels(image)
        XCTAssertEqual(map?.palette, [SIMD3<Float>(1, 1, 1), SIMD3<Float>(-1, -1, -1)])
        XCTAssertEqual(map?.labels, [1, 0, 0, 0])
        XCTAssertNil(flatLabels(regions().image, limit: 8))  // jittered: more than 8 colours
    }

    func testBoundariesMarkFourNeighbourChangesOnBothSides() {
        // A 5x5 black map with one white pixel in the middle: it and its 4 neighbours are
        // boundary pixels, the diagonals are not.
        var map = Image(width: 5, height: 5, color: (-1, -1, -1))
        map.set(x: 2, y: 2, (1, 1, 1))
        let edges = labelBoundaries(map)
        let marked = (0..<25).filter { edges.values[$0] == 1 }.map { ($0 % 5, $0 / 5) }
        XCTAssertEqual(marked.map { "\($0.0),\($0.1)" }, ["2,1", "1,2", "2,2", "3,2", "2,3"])
        XCTAssertEqual(edges.values.filter { $0 != 0 && $0 != 1 }.count, 0)
        // A flat map has no boundaries.
        XCTAssertEqual(labelBoundaries(Image(width: 3, height: 2, color: (0.5, 0, 0))).values, [Float](repeating: 0, count: 6))
    }

    func testOverlayBlendsHalfAndDrawsEdges() {
        var map = Image(width: 4, height: 1, color: (1, 1, 1))
        map.set(x: 3, y: 0, (-1, 1, -1))
        let photo = Image(width: 4, height: 1, color: (0, 0, 0))
        let overlay = labelOverlay(map, on: photo)
        XCTAssertEqual(overlay.rgb(x: 0, y: 0).0, 0.5)
        XCTAssertEqual(overlay.rgb(x: 2, y: 0).0, -1)   // on the boundary: black
        XCTAssertEqual(overlay.rgb(x: 3, y: 0).1, -1)
        XCTAssertEqual(labelOverlay(map, on: photo, edge: nil).rgb(x: 3, y: 0).1, 0.5)
    }
}
