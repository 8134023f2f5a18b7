// crop, paste, blend and the contact sheet, against hand-computed pixels.
import Imaging
import XCTest

final class ImageToolsTests: XCTestCase {
    /// A gray image whose value at (x, y) is `y * width + x` in every channel (channel c adds c * 100).
    func numbered(_ width: Int, _ height: Int) -> Image {
        var image = Image(width: width, height: height)
        for c in 0..<3 { for y in 0..<height { for x in 0..<width { image[c: c, x: x, y: y] = Float(y * width + x + c * 100) } } }
        return image
    }

    func values(_ image: Image, channel c: Int = 0) -> [[Float]] {
        (0..<image.height).map { y in (0..<image.width).map { image[c: c, x: $0, y: y] } }
    }

    func testCrop() {
        let image = numbered(4, 3)
        XCTAssertEqual(values(crop(image, x: 1, y: 1, width: 2, height: 2)), [[5, 6], [9, 10]])
        XCTAssertEqual(values(crop(image, x: 1, y: 1, width: 2, height: 2), channel: 2), [[205, 206], [209, 210]])
        // Outside the source: filled, or with extendEdges the nearest edge pixel.
        XCTAssertEqual(values(crop(image, x: 3, y: -1, width: 2, height: 2, fill: -7)), [[-7, -7], [3, -7]])
        XCTAssertEqual(values(crop(image, x: 3, y: -1, width: 2, height: 2, extendEdges: true)), [[3, 3], [3, 3]])
        XCTAssertEqual(values(crop(image, x: 2, y: 2, width: 3, height: 2, extendEdges: true)), [[10, 11, 11], [10, 11, 11]])
        XCTAssertTrue(crop(image, x: 0, y: 0, width: -3, height: 2).isEmpty)
    }

    func testPasteClips() {
        let background = Image(width: 4, height: 3, fill: -1)
        let pasted = paste(numbered(2, 2), onto: background, x: 3, y: -1)
        XCTAssertEqual(values(pasted), [[-1, -1, -1, 2], [-1, -1, -1, -1], [-1, -1, -1, -1]])
        XCTAssertEqual(values(paste(numbered(2, 2), onto: background, x: 1, y: 1)), [[-1, -1, -1, -1], [-1, 0, 1, -1], [-1, 2, 3, -1]])
        XCTAssertEqual(paste(numbered(2, 2), onto: background, x: 9, y: 0), background)
        XCTAssertEqual(paste(numbered(2, 2), onto: background, x: -2, y: 0), background)
    }

    func testBlend() throws {
        let a = Image(width: 2, height: 1, fill: 1), b = Image(width: 2, height: 1, fill: -1)
        let mask = Mask(width: 2, height: 1, values: [0.25, 1])
        let mixed = try blend(a, b, mask: mask)
        for c in 0..<3 { XCTAssertEqual(values(mixed, channel: c), [[-0.5, 1]]) }
        var rgb = Image(width: 2, height: 1)
        rgb.pixels = [0, 1, 0.5, 0.5, 1, 0]  // planar: R mask, G mask, B mask
        let perChannel = try blend(a, b, rgbMask: rgb)
        XCTAssertEqual(perChannel.pixels, [-1, 1, 0, 0, 1, -1])
        XCTAssertThrowsError(try blend(a, Image(width: 3, height: 1), mask: mask)) { XCTAssertTrue("\($0)".contains("sizes differ")) }
        XCTAssertThrowsError(try blend(a, b, mask: Mask(width: 1, height: 1)))
    }

    func testContactSheetLayout() {
        let images = [Image(width: 2, height: 2, fill: 1), Image(width: 3, height: 1, fill: -1), Image(width: 1, height: 4, fill: 0.5)]
        let sheet = contactSheet(images, columns: 2, gap: 1, background: 0)
        // Columns 2 and 3 wide, rows 2 and 4 high, gaps of 1 around and between.
        XCTAssertEqual(sheet.width, 8)
        XCTAssertEqual(sheet.height, 9)
        let expected: [[Float]] = [
            [0, 0, 0, 0, 0, 0, 0, 0],
            [0, 1, 1, 0, -1, -1, -1, 0],
            [0, 1, 1, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 0],
            [0, 0.5, 0, 0, 0, 0, 0, 0],
            [0, 0.5, 0, 0, 0, 0, 0, 0],
            [0, 0.5, 0, 0, 0, 0, 0, 0],
            [0, 0.5, 0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 0],
        ]
        XCTAssertEqual(values(sheet), expected)
        // Default: about square (2 columns for 3 images) on dark gray.
        let auto = contactSheet(images)
        XCTAssertEqual(auto.width, 4 + 2 + 4 + 3 + 4)
        XCTAssertEqual(auto[c: 0, x: 0, y: 0], -0.5)
        XCTAssertTrue(contactSheet([]).isEmpty)
    }
}
