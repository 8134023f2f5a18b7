// Label maps at other sizes (nearest neighbour) and the layout fidelity of an image.
import Imaging
import XCTest

final class LabelResizeTests: XCTestCase {
    /// Left half label 0, right half label 1, at 8x4.
    private func halves() -> LabelMap {
        let labels = (0..<32).map { ($0 % 8) < 4 ? 0 : 1 }
        return LabelMap(labels: labels, width: 8, height: 4, palette: [SIMD3(-1, -1, -1), SIMD3(1, 1, 1)])
    }

    func testNearestNeighbourResizeKeepsLabelsFlat() {
        let map = halves()
        let small = map.resized(width: 4, height: 2)
        XCTAssertEqual(small.labels, [0, 0, 1, 1, 0, 0, 1, 1])
        let big = map.resized(width: 16, height: 3)
        XCTAssertEqual(Array(big.labels[0..<16]), [Int](repeating: 0, count: 8) + [Int](repeating: 1, count: 8))
        XCTAssertEqual(big.palette, map.palette)
    }

    func testFidelityCountsPixelsWhoseNearestColourIsTheMapsLabel() {
        let map = halves()
        XCTAssertEqual(labelFidelity(map.image, to: map), 1)
        // The first two columns (a quarter of the pixels) light gray: nearer white, so label 1
        // where the map says 0.
        var image = map.image
        for y in 0..<4 {
            for x in 0..<2 { image.set(x: x, y: y, (0.6, 0.6, 0.6)) }
        }
        XCTAssertEqual(labelFidelity(image, to: map), 0.75)
        // Dark gray stays label 0: noise that does not change the nearest colour is not counted.
        for y in 0..<4 {
            for x in 0..<2 { image.set(x: x, y: y, (-0.6, -0.6, -0.6)) }
        }
        XCTAssertEqual(labelFidelity(image, to: map), 1)
    }
}
