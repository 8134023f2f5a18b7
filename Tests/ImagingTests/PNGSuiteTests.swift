// The PngSuite conformance images and the shared training images.
import Imaging
import XCTest

final class PNGSuiteTests: XCTestCase {
    func testEveryBrokenFileIsRefusedWithItsName() throws {
        let suite = try Fixtures.pngSuite()
        let broken = suite.files.filter { $0.hasPrefix("x") }
        XCTAssertEqual(broken.count, 14)
        for name in broken {
            let path = suite.folder + "/" + name
            XCTAssertThrowsError(try readPNG(path), name) { error in
                XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)")
            }
        }
    }

    func testEveryOtherFileLoads() throws {
        let suite = try Fixtures.pngSuite()
        let valid = suite.files.filter { !$0.hasPrefix("x") }
        XCTAssertEqual(valid.count, 161)
        for name in valid {
            XCTAssertNoThrow(try readPNG(suite.folder + "/" + name), name)
        }
    }

    /// Adam7 interlacing changes nothing: every basi file reads like its basn twin.
    func testInterlacedMatchesNonInterlaced() throws {
        let suite = try Fixtures.pngSuite()
        var pairs = 0
        for name in suite.files where name.hasPrefix("basi") || name.hasPrefix("s") && name.dropFirst(3).hasPrefix("i") {
            let twin = name.hasPrefix("basi") ? "basn" + name.dropFirst(4)
                : String(name.prefix(3)) + "n" + name.dropFirst(4)
            let a = try readPNG(suite.folder + "/" + name).image
            let b = try readPNG(suite.folder + "/" + twin).image
            assertSameImage(a, b, "\(name) vs \(twin)")
            pairs += 1
        }
        XCTAssertEqual(pairs, 15 + 18)
    }

    func testLowBitDepthGrayScalesExactly() throws {
        let suite = try Fixtures.pngSuite()
        for (name, depth) in [("basn0g01", 1), ("basn0g02", 2), ("basn0g04", 4)] {
            let image = try readPNG(suite.folder + "/\(name).png").image
            let levels = Set(image.pixels)
            let maximum = (1 << depth) - 1
            let allowed = Set((0...maximum).map { expectedValue($0 * 255 / maximum, maximum: 255) })
            XCTAssertTrue(levels.isSubset(of: allowed), name)
            if depth < 4 { XCTAssertEqual(levels.count, maximum + 1, "\(name) uses every level") }
        }
    }

    /// Raw samples checked against ImageMagick. ImageMagick applies gAMA on read, so it is
    /// given a copy without the colour-management chunks; we read the original.
    func testSamplesMatchImageMagick() throws {
        let suite = try Fixtures.pngSuite()
        // Some machines have a `convert` that is not ImageMagick (a stand-in that fails on
        // these arguments): only the real one, which names itself, is a reference.
        guard let (status, version) = runTool("convert", ["-version"]), status == 0,
              String(decoding: version, as: UTF8.self).contains("ImageMagick") else {
            throw XCTSkip("ImageMagick convert not installed")
        }
        let scratch = makeScratchFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for name in suite.files where !name.hasPrefix("x") {
            let path = suite.folder + "/" + name
            let loaded = try readPNG(path)
            let stripped = scratch + "/" + name
            try Data(stripColorManagement([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))).write(to: URL(fileURLWithPath: stripped))
            guard let (status, data) = runTool("convert", [stripped, "-depth", "16", "-endian", "MSB", "rgba:-"]),
                  status == 0 else { XCTFail("convert failed on \(name)"); continue }
            let image = loaded.image
            XCTAssertEqual(data.count, image.planeSize * 8, name)
            guard data.count == image.planeSize * 8 else { continue }
            let bytes = [UInt8](data)
            func sample(_ i: Int, _ c: Int) -> Int { Int(bytes[(i * 4 + c) * 2]) << 8 | Int(bytes[(i * 4 + c) * 2 + 1]) }
            var worst: Float = 0
            for i in 0..<image.planeSize {
                // 16-bit with alpha comes back premultiplied and divided out: within 1/alpha,
                // and unknown (black) at alpha 0 (see PNGReader.swift).
                let alpha = sample(i, 3)
                var tolerance: Float = 1e-6
                if loaded.bitDepth == 16 && alpha < 65535 {
                    if alpha == 0 { continue }
                    tolerance = Float(1 / Double(alpha))  // one premultiplied step
                }
                for c in 0..<3 {
                    let error = abs(image.pixels[c * image.planeSize + i] - expectedValue(sample(i, c), maximum: 65535))
                    worst = max(worst, error / 2 / tolerance)
                }
            }
            XCTAssertLessThanOrEqual(worst, 1, "\(name): worst error relative to its tolerance")
        }
    }

    /// basn0g08's first row, decoded by hand: 0, 1, ..., 15 (its gAMA 1.0 must not bend it).
    func testGammaChunkIsIgnored() throws {
        let suite = try Fixtures.pngSuite()
        let image = try readPNG(suite.folder + "/basn0g08.png").image
        for x in 0..<16 { XCTAssertEqual(image[c: 0, x: x, y: 0], expectedValue(x, maximum: 255)) }
    }

    func testTransparencyNotices() throws {
        let suite = try Fixtures.pngSuite()
        for name in ["tbbn3p08.png", "tbwn0g16.png", "tm3n3p02.png", "basn6a08.png", "basn4a16.png"] {
            XCTAssertTrue(try readPNG(suite.folder + "/" + name).hadTransparency, name)
        }
        for name in ["tp0n3p08.png", "basn2c08.png", "basn0g16.png"] {
            XCTAssertFalse(try readPNG(suite.folder + "/" + name).hadTransparency, name)
        }
    }

    func testTrainingImagesLoadWithTheirSizes() throws {
        let folder = try Fixtures.folder("images")
        let sizes: [(String, Int, Int)] = [("balloons", 248, 186), ("33039_LR", 80, 120)]
        for (name, width, height) in sizes {
            let loaded = try readPNG("\(folder)/Images/\(name).png")
            XCTAssertEqual(loaded.image.width, width, name)
            XCTAssertEqual(loaded.image.height, height, name)
            XCTAssertFalse(loaded.hadTransparency, "\(name) is opaque")
            XCTAssertTrue(loaded.image.pixels.allSatisfy { $0 >= -1 && $0 <= 1 }, name)
        }
        // The editing mask's alpha ranges 225-255: that is real transparency.
        XCTAssertTrue(try readPNG("\(folder)/Editing/stone_edit_mask.png").hadTransparency)
    }
}
