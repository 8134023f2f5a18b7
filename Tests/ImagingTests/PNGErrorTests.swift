// Every kind of bad input gives an ImagingError whose message names the file and the reason.
import Imaging
import XCTest

final class PNGErrorTests: XCTestCase {
    var scratch = ""
    override func setUp() { scratch = makeScratchFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: scratch) }

    func expectError(_ path: String, minimumSide: Int? = nil, _ reason: (ImagingError.Reason) -> Bool,
                     containing text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try readPNG(path, minimumSide: minimumSide), file: file, line: line) { error in
            guard let imaging = error as? ImagingError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(imaging.path, path, file: file, line: line)
            XCTAssertTrue(reason(imaging.reason), "\(imaging.reason)", file: file, line: line)
            XCTAssertTrue(imaging.description.hasPrefix(path + ": "), imaging.description, file: file, line: line)
            XCTAssertTrue(imaging.description.contains(text), imaging.description, file: file, line: line)
        }
    }

    /// A small valid PNG to mangle.
    func validPNG() throws -> [UInt8] {
        let path = scratch + "/valid.png"
        var image = Image(width: 20, height: 20)
        for i in 0..<image.pixels.count { image.pixels[i] = Float(i % 17) / 8 - 1 }
        try writePNG(image, to: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testMissingFile() {
        expectError(scratch + "/nope.png", { $0 == .missingFile }, containing: "no such file")
        expectError(scratch + "/nope/deeper.png", { $0 == .missingFile }, containing: "no such file")
    }

    func testDirectory() {
        expectError(scratch, { $0 == .isDirectory }, containing: "directory")
    }

    func testNotAPNG() throws {
        let path = scratch + "/text.png"
        try "hello, this is text".write(toFile: path, atomically: true, encoding: .utf8)
        expectError(path, { $0 == .notPNG }, containing: "not a PNG")
        let empty = scratch + "/empty.png"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        expectError(empty, { $0 == .notPNG }, containing: "not a PNG")
    }

    func testTruncated() throws {
        let bytes = try validPNG()
        for keep in [8, 20, 40, bytes.count / 2, bytes.count - 13] {
            let path = scratch + "/cut\(keep).png"
            try Data(bytes[0..<keep]).write(to: URL(fileURLWithPath: path))
            expectError(path, { if case .corrupt = $0 { return true }; return false }, containing: "corrupt or truncated")
        }
    }

    func testCorruptData() throws {
        var bytes = try validPNG()
        bytes[bytes.count / 2] ^= 0xFF  // inside IDAT: the CRC no longer matches
        let path = scratch + "/flipped.png"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectError(path, { if case .corrupt = $0 { return true }; return false }, containing: "corrupt")
    }

    func testAbsurdSizeRefusedFromTheHeader() throws {
        // A 20000 x 20000 header (400 megapixels) with a token IDAT: refused before allocation.
        var ihdr = bigEndian(20000) + bigEndian(20000)
        ihdr += [8, 2, 0, 0, 0]
        let file = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pngChunk("IHDR", ihdr)
            + pngChunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + pngChunk("IEND", [])
        let path = scratch + "/huge.png"
        try Data(file).write(to: URL(fileURLWithPath: path))
        expectError(path, { $0 == .tooLarge(width: 20000, height: 20000) }, containing: "too large")
    }

    /// Found by scripts/fuzz.sh: a 716-byte PngSuite file whose iTXt chunk claims 1.9 GB.
    /// libpng allocated and cleared that much before noticing; now it is refused up front.
    func testChunkLongerThanTheFileIsRefusedBeforeLibpngAllocates() throws {
        let path = try Fixtures.folder("fuzz") + "/png-chunk-overrun.png"
        expectError(path, { if case .corrupt = $0 { return true }; return false },
                    containing: "chunk \"iTXt\" at byte 488 claims 1895848255 bytes, but the file ends 216 bytes later")
        // The same made by hand from a valid file: the IDAT length raised past the end.
        var bytes = try validPNG()
        let idat = try XCTUnwrap((8..<bytes.count - 4).first { Array(bytes[$0..<($0 + 4)]) == Array("IDAT".utf8) })
        bytes.replaceSubrange((idat - 4)..<idat, with: bigEndian(0x7FFF_FFFF))
        let forged = scratch + "/forged.png"
        try Data(bytes).write(to: URL(fileURLWithPath: forged))
        expectError(forged, { if case .corrupt = $0 { return true }; return false }, containing: "claims 2147483647 bytes")
    }

    /// The adversarial headers and names of the trust issue: each still a clear error.
    func testZeroWidthHugeHeaderAndUnicodeNames() throws {
        func header(_ width: UInt32, _ height: UInt32) -> [UInt8] {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + pngChunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0])
                + pngChunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + pngChunk("IEND", [])
        }
        let zero = scratch + "/zero.png"
        try Data(header(0, 20)).write(to: URL(fileURLWithPath: zero))
        expectError(zero, { if case .corrupt = $0 { return true }; return false }, containing: "corrupt or truncated")
        let huge = scratch + "/huge100k.png"
        try Data(header(100_000, 100_000)).write(to: URL(fileURLWithPath: huge))
        expectError(huge, { if case .corrupt = $0 { return true }; return $0 == .tooLarge(width: 100_000, height: 100_000) },
                    containing: huge + ": ")
        // A unicode name is read like any other, and named as written when it is missing.
        let unicode = scratch + "/bäd 画像 ✓.png"
        try Data(try validPNG()).write(to: URL(fileURLWithPath: unicode))
        XCTAssertEqual(try readPNG(unicode).image.width, 20)
        expectError(scratch + "/nö 画像.png", { $0 == .missingFile }, containing: "nö 画像.png: no such file")
    }

    func testTooSmallWhenAsked() throws {
        _ = try validPNG()
        let path = scratch + "/valid.png"
        XCTAssertNoThrow(try readPNG(path, minimumSide: 20))
        expectError(path, minimumSide: 21, { $0 == .tooSmall(width: 20, height: 20, minimum: 21) }, containing: "too small")
    }
}
