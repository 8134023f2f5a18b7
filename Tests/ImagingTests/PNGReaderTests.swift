// Reading every colour type and bit depth, written here with libpng itself, back to the
// exact samples that went in.
import Imaging
import XCTest

final class PNGReaderTests: XCTestCase {
    var scratch = ""
    override func setUp() { scratch = makeScratchFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: scratch) }

    let width = 7, height = 5

    /// A deterministic pattern covering 0, 255 and values in between.
    func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { i in i == 0 ? 0 : i == 1 ? 255 : UInt8((i * 37 + seed * 11) % 256) }
    }

    func words(_ count: Int, seed: Int) -> [UInt16] {
        let specials: [UInt16] = [0, 65535, 1, 257, 65534, 32768]
        return (0..<count).map { i in i < specials.count ? specials[i] : UInt16((i * 7919 + seed * 104729) % 65536) }
    }

    func check(_ image: Image, channel c: Int, x: Int, y: Int, equals expected: Float,
               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(image[c: c, x: x, y: y], expected, "channel \(c) at \(x),\(y)", file: file, line: line)
    }

    func testGray8() throws {
        let path = scratch + "/g8.png", samples = bytes(width * height, seed: 1)
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: 0, samples: samples))
        let loaded = try readPNG(path)
        XCTAssertEqual(loaded.image.width, width)
        XCTAssertEqual(loaded.image.height, height)
        XCTAssertFalse(loaded.hadTransparency)
        XCTAssertNil(loaded.notice)
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            check(loaded.image, channel: c, x: x, y: y, equals: expectedValue(Int(samples[y * width + x]), maximum: 255))
        } } }
    }

    func testGrayAlpha8OpaqueAndTransparent() throws {
        var samples = bytes(width * height * 2, seed: 2)
        for i in 0..<(width * height) { samples[i * 2 + 1] = 255 }
        let opaque = scratch + "/ga8.png"
        XCTAssertTrue(writeFixturePNG(opaque, width: width, height: height, format: TestFormat.alpha, samples: samples))
        let loaded = try readPNG(opaque)
        XCTAssertFalse(loaded.hadTransparency, "alpha 255 everywhere is not transparency")
        for y in 0..<height { for x in 0..<width {
            check(loaded.image, channel: 1, x: x, y: y, equals: expectedValue(Int(samples[(y * width + x) * 2]), maximum: 255))
        } }

        samples[2 * 3 + 1] = 0  // one transparent pixel; its gray must still come out raw
        let transparent = scratch + "/ga8t.png"
        XCTAssertTrue(writeFixturePNG(transparent, width: width, height: height, format: TestFormat.alpha, samples: samples))
        let seeThrough = try readPNG(transparent)
        XCTAssertTrue(seeThrough.hadTransparency)
        XCTAssertEqual(seeThrough.notice, "note: \(transparent) has transparency; alpha dropped")
        check(seeThrough.image, channel: 0, x: 3, y: 0, equals: expectedValue(Int(samples[6]), maximum: 255))
    }

    func testRGB8() throws {
        let path = scratch + "/rgb8.png", samples = bytes(width * height * 3, seed: 3)
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: TestFormat.color, samples: samples))
        let image = try readPNG(path).image
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            check(image, channel: c, x: x, y: y, equals: expectedValue(Int(samples[(y * width + x) * 3 + c]), maximum: 255))
        } } }
    }

    func testRGBA8KeepsColourUnderZeroAlpha() throws {
        var samples = bytes(width * height * 4, seed: 4)
        for i in 0..<(width * height) { samples[i * 4 + 3] = i % 3 == 0 ? 0 : 200 }
        let path = scratch + "/rgba8.png"
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: TestFormat.color | TestFormat.alpha, samples: samples))
        let loaded = try readPNG(path)
        XCTAssertTrue(loaded.hadTransparency)
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            check(loaded.image, channel: c, x: x, y: y, equals: expectedValue(Int(samples[(y * width + x) * 4 + c]), maximum: 255))
        } } }
    }

    func testGray16IsRaw() throws {
        let path = scratch + "/g16.png", samples = words(width * height, seed: 5)
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: TestFormat.linear, samples: samples))
        let loaded = try readPNG(path)
        XCTAssertEqual(loaded.bitDepth, 16)
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            check(loaded.image, channel: c, x: x, y: y, equals: expectedValue(Int(samples[y * width + x]), maximum: 65535))
        } } }
    }

    func testRGB16IsRaw() throws {
        let path = scratch + "/rgb16.png", samples = words(width * height * 3, seed: 6)
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: TestFormat.linear | TestFormat.color, samples: samples))
        let image = try readPNG(path).image
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            check(image, channel: c, x: x, y: y, equals: expectedValue(Int(samples[(y * width + x) * 3 + c]), maximum: 65535))
        } } }
    }

    func testRGBA16OpaqueIsRaw() throws {
        var samples = words(width * height * 4, seed: 7)
        for i in 0..<(width * height) { samples[i * 4 + 3] = 65535 }
        let path = scratch + "/rgba16.png"
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height,
                                      format: TestFormat.linear | TestFormat.color | TestFormat.alpha, samples: samples))
        let loaded = try readPNG(path)
        XCTAssertFalse(loaded.hadTransparency)
        for y in 0..<height { for x in 0..<width { for c in 0..<3 {
            check(loaded.image, channel: c, x: x, y: y, equals: expectedValue(Int(samples[(y * width + x) * 4 + c]), maximum: 65535))
        } } }
    }

    func testGrayAlpha16HalfTransparent() throws {
        // The linear write API takes premultiplied samples: gray 16384 at alpha 32768 stores
        // about 32767 in the file; reading divides the premultiplication back out.
        var samples = [UInt16](repeating: 0, count: width * height * 2)
        for i in 0..<(width * height) { samples[i * 2] = 16384; samples[i * 2 + 1] = i == 0 ? 32768 : 65535 }
        let path = scratch + "/ga16.png"
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: TestFormat.linear | TestFormat.alpha, samples: samples))
        let loaded = try readPNG(path)
        XCTAssertTrue(loaded.hadTransparency)
        XCTAssertEqual(loaded.image[c: 0, x: 0, y: 0], 0, accuracy: 2.0 / 65535 * 2)
        check(loaded.image, channel: 2, x: 1, y: 0, equals: expectedValue(16384, maximum: 65535))
    }

    func testPaletteWithAndWithoutTransparency() throws {
        let palette: [UInt8] = [0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 12, 34, 56, 255, 255, 255]
        let indices: [UInt8] = (0..<(width * height)).map { UInt8($0 % 6) }
        let path = scratch + "/p8.png"
        XCTAssertTrue(writeFixturePNG(path, width: width, height: height, format: TestFormat.color | TestFormat.colormap,
                                      samples: indices, colormap: palette, entries: 6))
        let loaded = try readPNG(path)
        XCTAssertFalse(loaded.hadTransparency)
        for i in 0..<(width * height) { for c in 0..<3 {
            check(loaded.image, channel: c, x: i % width, y: i / width,
                  equals: expectedValue(Int(palette[Int(indices[i]) * 3 + c]), maximum: 255))
        } }

        // RGBA colour map: libpng writes PLTE plus tRNS.
        var rgbaPalette: [UInt8] = []
        for e in 0..<6 { rgbaPalette += palette[(e * 3)..<(e * 3 + 3)] + [e == 2 ? 0 : 255] }
        let withTRNS = scratch + "/p8t.png"
        XCTAssertTrue(writeFixturePNG(withTRNS, width: width, height: height,
                                      format: TestFormat.color | TestFormat.alpha | TestFormat.colormap,
                                      samples: indices, colormap: rgbaPalette, entries: 6))
        let transparent = try readPNG(withTRNS)
        XCTAssertTrue(transparent.hadTransparency)
        for i in 0..<(width * height) where indices[i] != 2 { for c in 0..<3 {
            check(transparent.image, channel: c, x: i % width, y: i / width,
                  equals: expectedValue(Int(palette[Int(indices[i]) * 3 + c]), maximum: 255))
        } }
    }

    func testWriteReadRoundTripIsExact() throws {
        var image = Image(width: 13, height: 9)
        for i in 0..<image.pixels.count { image.pixels[i] = expectedValue((i * 97 + 5) % 256, maximum: 255) }
        let path = scratch + "/round.png"
        try writePNG(image, to: path)
        XCTAssertEqual(try readPNG(path).image, image)
        // Only the final file is left behind; the temporary was renamed into place.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), ["round.png"])
    }

    func testWriteClampsAndRounds() throws {
        var image = Image(width: 4, height: 1)
        let values: [Float] = [-3, 2, 0, expectedValue(100, maximum: 255) + 0.001]
        for x in 0..<4 { for c in 0..<3 { image[c: c, x: x, y: 0] = values[x] } }
        let path = scratch + "/clamp.png"
        try writePNG(image, to: path)
        let back = try readPNG(path).image
        XCTAssertEqual(back[c: 0, x: 0, y: 0], -1)
        XCTAssertEqual(back[c: 0, x: 1, y: 0], 1)
        XCTAssertEqual(back[c: 0, x: 2, y: 0], expectedValue(128, maximum: 255))  // 127.5 rounds up
        XCTAssertEqual(back[c: 0, x: 3, y: 0], expectedValue(100, maximum: 255))
    }

    func testWriteErrorsNameTheFile() {
        let path = scratch + "/no/such/folder/out.png"
        XCTAssertThrowsError(try writePNG(Image(width: 2, height: 2), to: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix(path + ": cannot write"), "\(error)")
        }
        XCTAssertThrowsError(try writePNG(Image(width: 0, height: 2), to: scratch + "/empty.png")) { error in
            XCTAssertTrue("\(error)".contains("empty.png"), "\(error)")
        }
    }
}
