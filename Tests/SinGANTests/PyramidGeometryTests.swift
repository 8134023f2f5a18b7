import XCTest
@testable import SinGAN

/// The reference's worked pyramid examples (docs/singan.md), to the pixel. Sizes there are H x W.
final class PyramidGeometryTests: XCTestCase {
    private func heightsByWidths(_ g: PyramidGeometry) -> [String] {
        g.sizes.reversed().map { "\($0.height)x\($0.width)" }  // coarsest first, as tabulated
    }

    func testColusseumGivesTenScalesFrom26x34() throws {
        let g = try PyramidGeometry(width: 250, height: 188, settings: Settings())
        XCTAssertEqual(heightsByWidths(g), ["26x34", "32x42", "40x53", "49x66", "62x82", "77x102",
                                            "96x128", "121x160", "151x200", "188x250"])
        XCTAssertEqual(g.scaleFactor, 0.79918, accuracy: 5e-6)
        XCTAssertEqual(g.coarsest, 9)
    }

    func testBirds() throws {
        let g = try PyramidGeometry(width: 244, height: 164, settings: Settings())
        XCTAssertEqual(heightsByWidths(g), ["25x38", "32x48", "41x60", "51x76", "65x96", "82x121",
                                            "103x153", "130x193", "164x244"])
        XCTAssertEqual(g.scaleFactor, 0.79047, accuracy: 5e-6)
    }

    func testTabulatedImages() throws {
        // (W, H, scales, factor, coarsest HxW, the two finest HxW)
        let table: [(Int, Int, Int, Double, String, [String])] = [
            (248, 186, 9, 0.77813, "25x34", ["145x193", "186x248"]),
            (572, 380, 9, 0.78868, "26x38", ["167x250"]),
            (256, 171, 8, 0.76239, "25x38", ["167x250"]),
            (256, 201, 9, 0.77256, "25x32", ["153x194", "197x250"]),
            (250, 168, 9, 0.78810, "25x38", ["168x250"]),
            (250, 141, 9, 0.80555, "25x45", ["141x250"]),
        ]
        for (w, h, scales, factor, coarsest, finest) in table {
            let g = try PyramidGeometry(width: w, height: h, settings: Settings())
            let sizes = heightsByWidths(g)
            XCTAssertEqual(g.count, scales, "\(w)x\(h)")
            XCTAssertEqual(g.scaleFactor, factor, accuracy: 5e-6, "\(w)x\(h)")
            XCTAssertEqual(sizes.first, coarsest, "\(w)x\(h)")
            XCTAssertEqual(Array(sizes.suffix(finest.count)), finest, "\(w)x\(h)")
        }
    }

    func testSettingsChangeThePyramid() throws {
        var s = Settings()
        s.maxSize = 128
        let small = try PyramidGeometry(width: 248, height: 186, settings: s)
        XCTAssertEqual(small.sizes[0].width, 128)
        s = Settings()
        s.scales = 5
        let five = try PyramidGeometry(width: 250, height: 188, settings: s)
        XCTAssertEqual(five.count, 5)
        XCTAssertEqual(five.sizes[4].height, 25, "coarsest shorter side fitted to min")
    }

    func testTooSmallImagesAreRefusedWithAReason() {
        XCTAssertThrowsError(try PyramidGeometry(width: 3, height: 3, settings: Settings())) { error in
            XCTAssertTrue("\(error)".contains("smaller than min"), "\(error)")
        }
        var s = Settings()
        s.minSize = 8
        XCTAssertThrowsError(try PyramidGeometry(width: 40, height: 30, settings: s)) { error in
            XCTAssertTrue("\(error)".contains("receptive field"), "\(error)")
            XCTAssertTrue("\(error)".contains("raise min"), "\(error)")
        }
    }
}
