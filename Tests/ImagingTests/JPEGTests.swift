// JPEG through libjpeg-turbo: fixtures made by libjpeg itself (Fixtures/make-jpeg-fixtures.c)
// decode to the pattern they were made from; our writer round-trips; corrupt, truncated and
// mislabelled files give errors naming the file; save picks the format from the name.
import Foundation
import Imaging
import XCTest

final class JPEGTests: XCTestCase {
    var scratch = ""
    override func setUp() { scratch = makeScratchFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: scratch) }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    func fixture(_ name: String) -> String { JPEGTests.fixtures + "/" + name }

    /// The pattern the fixtures were written from, as 8-bit levels.
    func expectedGradient(x: Int, y: Int) -> (Int, Int, Int) { (255 * x / 31, 255 * y / 23, 128) }

    func level(_ v: Float) -> Int { Int(Image.toByte(v)) }

    func assertGradient(_ image: Image, tolerance: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(image.width, 32, file: file, line: line)
        XCTAssertEqual(image.height, 24, file: file, line: line)
        var worst = 0
        for y in 0..<24 {
            for x in 0..<32 {
                let (r, g, b) = image.rgb(x: x, y: y), want = expectedGradient(x: x, y: y)
                worst = max(worst, abs(level(r) - want.0), abs(level(g) - want.1), abs(level(b) - want.2))
            }
        }
        XCTAssertLessThanOrEqual(worst, tolerance, "largest difference in 8-bit levels", file: file, line: line)
    }

    func testBaselineAndProgressiveDecodeToTheirPattern() throws {
        assertGradient(try readJPEG(fixture("gradient.jpg")), tolerance: 12)
        assertGradient(try readJPEG(fixture("progressive.jpg")), tolerance: 12)
    }

    func testGrayIsReplicatedToThreeChannels() throws {
        let image = try readJPEG(fixture("gray.jpg"))
        for y in 0..<24 {
            for x in 0..<32 {
                let (r, g, b) = image.rgb(x: x, y: y)
                XCTAssertEqual(r, g)
                XCTAssertEqual(g, b)
                XCTAssertLessThanOrEqual(abs(level(r) - 255 * x / 31), 6)
            }
        }
    }

    func testLoadTellsFormatsByTheirBytes() throws {
        let jpegNamedPNG = scratch + "/really-a-jpeg.png"
        try FileManager.default.copyItem(atPath: fixture("gradient.jpg"), toPath: jpegNamedPNG)
        assertGradient(try readImage(jpegNamedPNG).image, tolerance: 12)
        let text = scratch + "/notes.jpg"
        try "not an image".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try readImage(text)) { error in
            XCTAssertEqual("\(error)", "\(text): not a PNG or JPEG file")
        }
    }

    func testTruncatedAndCorruptFilesAreErrorsNamingTheFile() {
        for name in ["truncated.jpg", "corrupt.jpg"] {
            let path = fixture(name)
            XCTAssertThrowsError(try readImage(path), name) { error in
                guard let imaging = error as? ImagingError, case .corruptJPEG(let detail) = imaging.reason else {
                    return XCTFail("\(error)")
                }
                XCTAssertFalse(detail.isEmpty)
                XCTAssertTrue("\(error)".hasPrefix(path + ": corrupt or truncated JPEG ("), "\(error)")
            }
        }
    }

    func testEveryCutOfAFileIsAnErrorNotACrash() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture("gradient.jpg"))))
        for keep in [3, 4, 10, 100, 300, bytes.count - 2] {
            let path = scratch + "/cut\(keep).jpg"
            try Data(bytes[0..<keep]).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try readJPEG(path), "kept \(keep) bytes") { error in
                XCTAssertTrue("\(error)".hasPrefix(path + ": corrupt or truncated JPEG"), "\(error)")
            }
        }
    }

    func testWriteThenReadRoundTrips() throws {
        var image = Image(width: 40, height: 30)
        for y in 0..<30 {
            for x in 0..<40 {
                image[c: 0, x: x, y: y] = Float(x) / 20 - 1
                image[c: 1, x: x, y: y] = Float(y) / 15 - 1
                image[c: 2, x: x, y: y] = 0.25
            }
        }
        let path = scratch + "/out.jpg"
        try writeImage(image, to: path)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xFF, 0xD8, 0xFF], "a JPEG under a .jpg name")
        let back = try readImage(path).image
        XCTAssertLessThan(back.maxAbsDifference(image), 0.08)
        let small = scratch + "/small.jpeg"
        try writeImage(image, to: small, quality: 10)
        XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: small)).count, bytes.count)
    }

    func testSaveFollowsTheFileName() throws {
        let image = Image(width: 8, height: 8, fill: 0.5)
        let signatures: [String: [UInt8]] = ["a.png": [0x89, 0x50, 0x4E], "b.JPG": [0xFF, 0xD8, 0xFF],
                                             "c.jpeg": [0xFF, 0xD8, 0xFF], "d.gif": Array("GIF".utf8)]
        for (name, signature) in signatures {
            try writeImage(image, to: scratch + "/" + name)
            XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: scratch + "/" + name)).prefix(3)), signature, name)
        }
        for name in ["e.mp4", "f.tiff", "noextension"] {
            let path = scratch + "/" + name
            XCTAssertThrowsError(try writeImage(image, to: path)) { error in
                XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)")
                XCTAssertTrue("\(error)".contains("sgs writes .png, .jpg, .jpeg, .gif"), "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing written under \(name)")
        }
    }

    func testBadQualityIsRefused() {
        XCTAssertThrowsError(try writeJPEG(Image(width: 4, height: 4), to: scratch + "/q.jpg", quality: 0))
    }

    /// gradient.jpg with an EXIF APP1 segment carrying `orientation`, in either byte order.
    func orientedCopy(_ orientation: Int, bigEndian: Bool) throws -> String {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture("gradient.jpg"))))
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 255)] : [UInt8(v & 255), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? [0, 0] + u16(v) : u16(v) + [0, 0] }
        let tiff = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(8)
            + u16(2) + u16(0x010F) + u16(2) + u32(4) + Array("sgs\0".utf8)  // Make, then Orientation
            + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0) + u32(0)
        let segment = [0x45, 0x78, 0x69, 0x66, 0, 0] + tiff
        let app1: [UInt8] = [0xFF, 0xE1, UInt8((segment.count + 2) >> 8), UInt8((segment.count + 2) & 255)] + segment
        let path = scratch + "/oriented-\(orientation)-\(bigEndian).jpg"
        try Data(Array(bytes[0..<2]) + app1 + Array(bytes[2...])).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testExifOrientationTurnsThePhotoUpright() throws {
        let plain = try readJPEG(fixture("gradient.jpg"))
        let (w, h) = (plain.width, plain.height)
        func corner(_ image: Image, _ x: Int, _ y: Int) -> [Float] { let p = image.rgb(x: x, y: y); return [p.0, p.1, p.2] }
        let tl = corner(plain, 0, 0), tr = corner(plain, w - 1, 0), bl = corner(plain, 0, h - 1), br = corner(plain, w - 1, h - 1)
        // What the upright image shows at its top-left and top-right corners, per orientation.
        let expected: [Int: ([Float], [Float])] = [1: (tl, tr), 2: (tr, tl), 3: (br, bl), 4: (bl, br),
                                                   5: (tl, bl), 6: (bl, tl), 7: (br, tr), 8: (tr, br)]
        for orientation in 1...8 {
            for bigEndian in [false, true] {
                let image = try readImage(try orientedCopy(orientation, bigEndian: bigEndian)).image
                let turned = orientation >= 5
                XCTAssertEqual(image.width, turned ? h : w, "orientation \(orientation)")
                XCTAssertEqual(image.height, turned ? w : h, "orientation \(orientation)")
                XCTAssertEqual(corner(image, 0, 0), expected[orientation]!.0, "orientation \(orientation) top-left")
                XCTAssertEqual(corner(image, image.width - 1, 0), expected[orientation]!.1, "orientation \(orientation) top-right")
            }
        }
    }
}
