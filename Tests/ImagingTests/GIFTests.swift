// The GIF writer, checked by our own small GIF parser and LZW decoder (written from the spec,
// independent of the encoder) and, when installed, by gifsicle and ImageMagick.
import Foundation
import Imaging
import XCTest

/// What the test parser finds in a GIF.
struct ParsedGIF {
    var width = 0, height = 0
    var palette: [UInt8] = []
    var loopCount: Int?
    var delays: [Int] = []
    var frames: [[UInt8]] = []  // palette indices per frame
}

enum GIFParseError: Error { case bad(String) }

/// Reads the subset of GIF89a the writer produces: global table, extensions, images
/// without local tables.
func parseGIF(_ bytes: [UInt8]) throws -> ParsedGIF {
    var gif = ParsedGIF(), at = 0
    func u8() throws -> Int { guard at < bytes.count else { throw GIFParseError.bad("truncated at \(at)") }; at += 1; return Int(bytes[at - 1]) }
    func u16() throws -> Int { let lo = try u8(); return lo | (try u8()) << 8 }
    func subBlocks() throws -> [UInt8] {
        var data: [UInt8] = []
        while true {
            let n = try u8()
            if n == 0 { return data }
            guard at + n <= bytes.count else { throw GIFParseError.bad("sub-block past end") }
            data += bytes[at..<(at + n)]; at += n
        }
    }
    guard bytes.count > 13, String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a" else { throw GIFParseError.bad("header") }
    at = 6
    gif.width = try u16(); gif.height = try u16()
    let packed = try u8(); _ = try u8(); _ = try u8()
    if packed & 0x80 != 0 {
        let entries = 2 << (packed & 7)
        gif.palette = Array(bytes[at..<(at + entries * 3)]); at += entries * 3
    }
    while true {
        switch try u8() {
        case 0x21:
            let label = try u8()
            let data = try subBlocks()
            if label == 0xFF, data.count >= 14, String(decoding: data[0..<11], as: UTF8.self) == "NETSCAPE2.0" {
                gif.loopCount = Int(data[12]) | Int(data[13]) << 8
            } else if label == 0xF9, data.count == 4 {
                gif.delays.append(Int(data[1]) | Int(data[2]) << 8)
            }
        case 0x2C:
            _ = try u16(); _ = try u16()
            let w = try u16(), h = try u16()
            guard try u8() & 0x80 == 0 else { throw GIFParseError.bad("local table") }
            let minimum = try u8()
            gif.frames.append(try lzwDecode(try subBlocks(), minimumCodeSize: minimum, expected: w * h))
        case 0x3B:
            return gif
        case let other:
            throw GIFParseError.bad("unexpected block \(other)")
        }
    }
}

/// A plain GIF LZW decoder (the decoder side of the spec: width grows after the entry
/// numbered 2^width - 1 is added, clear resets, end stops).
func lzwDecode(_ data: [UInt8], minimumCodeSize: Int, expected: Int) throws -> [UInt8] {
    let clear = 1 << minimumCodeSize, end = clear + 1
    var width = minimumCodeSize + 1
    var dictionary: [[UInt8]] = (0..<clear).map { [UInt8($0)] } + [[], []]
    var previous: [UInt8]? = nil
    var out: [UInt8] = []
    var bitPosition = 0
    func readCode() -> Int? {
        guard bitPosition + width <= data.count * 8 else { return nil }
        var code = 0
        for k in 0..<width {
            let bit = (Int(data[(bitPosition + k) / 8]) >> ((bitPosition + k) % 8)) & 1
            code |= bit << k
        }
        bitPosition += width
        return code
    }
    while let code = readCode() {
        if code == clear {
            dictionary.removeSubrange((clear + 2)...)
            width = minimumCodeSize + 1
            previous = nil
            continue
        }
        if code == end { return out }
        var entry: [UInt8]
        if code < dictionary.count {
            entry = dictionary[code]
        } else if code == dictionary.count, let p = previous {
            entry = p + [p[0]]
        } else {
            throw GIFParseError.bad("code \(code) beyond table \(dictionary.count)")
        }
        out += entry
        if let p = previous, dictionary.count < 4096 { dictionary.append(p + [entry[0]]) }
        if dictionary.count == (1 << width) && width < 12 { width += 1 }
        previous = entry
    }
    throw GIFParseError.bad("no end code (decoded \(out.count) of \(expected))")
}

final class GIFTests: XCTestCase {
    var scratch = ""
    override func setUp() { scratch = makeScratchFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: scratch) }

    /// Frames with smooth gradients and noise: far more than 256 colours.
    func rich(_ width: Int, _ height: Int, frames: Int) -> [Image] {
        (0..<frames).map { f in
            var image = Image(width: width, height: height)
            for y in 0..<height { for x in 0..<width {
                let noise = Float((x * 7919 + y * 104729 + f * 31) % 97) / 97
                image[c: 0, x: x, y: y] = Float(x) / Float(width) * 2 - 1
                image[c: 1, x: x, y: y] = Float(y) / Float(height) * 2 - 1
                image[c: 2, x: x, y: y] = noise * 2 - 1 + Float(f) * 0.01
            } }
            return image
        }
    }

    func testLZWRoundTripsEveryKindOfInput() throws {
        // Fills the table many times over.
        let long = (0..<200_000).map { (i: Int) -> UInt8 in UInt8((i * i / 7 + i / 300) % 256) }
        let cases: [[UInt8]] = [[], [5], [1, 1, 1, 1, 1, 1, 1, 1, 1], Array(repeating: 0, count: 70_000),
                                (0..<5000).map { UInt8($0 % 256) }, long]
        for input in cases {
            let decoded = try lzwDecode(gifLZWCompress(input, minimumCodeSize: 8), minimumCodeSize: 8, expected: input.count)
            XCTAssertEqual(decoded, input, "length \(input.count)")
        }
        // Every length around the code-width boundaries, with incompressible-ish input.
        for n in 250...520 {
            let input = (0..<n).map { (i: Int) -> UInt8 in UInt8((i * 131) % 256) }
            XCTAssertEqual(try lzwDecode(gifLZWCompress(input), minimumCodeSize: 8, expected: n), input, "n \(n)")
        }
    }

    func testFewColoursRoundTripExactly() throws {
        var frames: [Image] = []
        for f in 0..<3 {
            var image = Image(width: 10, height: 6)
            for i in 0..<image.planeSize {
                let level = expectedValue((i * 50 + f * 30) % 256, maximum: 255)
                image.pixels[i] = level; image.pixels[image.planeSize + i] = -level; image.pixels[2 * image.planeSize + i] = 0
            }
            frames.append(image)
        }
        let gif = try parseGIF(try encodeGIF(frames, fps: 10))
        XCTAssertEqual(gif.width, 10)
        XCTAssertEqual(gif.height, 6)
        XCTAssertEqual(gif.loopCount, 0)
        XCTAssertEqual(gif.delays, [10, 10, 10])
        XCTAssertEqual(gif.frames.count, 3)
        for (frame, indices) in zip(frames, gif.frames) {
            let rgb = interleavedBytes(frame)
            for i in 0..<frame.planeSize {
                let e = Int(indices[i]) * 3
                XCTAssertEqual(Array(gif.palette[e..<(e + 3)]), Array(rgb[(i * 3)..<(i * 3 + 3)]), "pixel \(i)")
            }
        }
    }

    func testManyColoursMapToTheNearestPaletteEntry() throws {
        let frames = rich(40, 30, frames: 4)
        let gif = try parseGIF(try encodeGIF(frames, fps: 25))
        XCTAssertEqual(gif.delays, [4, 4, 4, 4])
        XCTAssertEqual(gif.palette.count, 768)
        var totalError = 0.0
        for (frame, indices) in zip(frames, gif.frames) {
            XCTAssertEqual(indices.count, 1200)
            let rgb = interleavedBytes(frame)
            for i in 0..<frame.planeSize {
                func distance(_ e: Int) -> Int {
                    (0..<3).reduce(0) { $0 + (Int(gif.palette[e * 3 + $1]) - Int(rgb[i * 3 + $1])) * (Int(gif.palette[e * 3 + $1]) - Int(rgb[i * 3 + $1])) }
                }
                let chosen = distance(Int(indices[i]))
                let best = (0..<256).map(distance).min() ?? 0
                XCTAssertEqual(chosen, best, "pixel \(i) is not mapped to its nearest colour")
                totalError += Double(chosen).squareRoot()
            }
        }
        // These frames fill a 3-D block of colour space (gradient x gradient x noise), so 256
        // boxes are about 40 levels a side: a mean error near 15 is what median cut can do,
        // and a uniform 6x6x6 palette would give about 25.
        XCTAssertLessThan(totalError / 4800, 18, "mean distance to the chosen palette colour")
    }

    func testOrderedDitherStaysClose() throws {
        let frames = rich(32, 32, frames: 2)
        let gif = try parseGIF(try encodeGIF(frames, dithering: .ordered))
        XCTAssertEqual(gif.frames.count, 2)
        let rgb = interleavedBytes(frames[0])
        for i in 0..<(32 * 32) {
            let e = Int(gif.frames[0][i]) * 3
            for c in 0..<3 { XCTAssertLessThan(abs(Int(gif.palette[e + c]) - Int(rgb[i * 3 + c])), 48) }
        }
    }

    func testExternalDecodersAgree() throws {
        let path = scratch + "/walk.gif"
        try writeGIF(rich(48, 36, frames: 5), to: path, fps: 10)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), ["walk.gif"])
        var checked = false
        if let (status, data) = runTool("gifsicle", ["--info", path]), status == 0 {
            let info = String(decoding: data, as: UTF8.self)
            XCTAssertTrue(info.contains("5 images"), info)
            XCTAssertTrue(info.contains("48x36"), info)
            XCTAssertTrue(info.contains("loop forever"), info)
            XCTAssertTrue(info.contains("delay 0.10s"), info)
            checked = true
        }
        if let (status, data) = runTool("identify", ["-format", "%wx%h %T\\n", path]), status == 0 {
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            XCTAssertEqual(lines, Array(repeating: "48x36 10", count: 5))
            checked = true
        }
        if !checked { throw XCTSkip("neither gifsicle nor ImageMagick identify is installed") }
    }

    func testBadArgumentsAreErrorsNamingTheFile() {
        let path = scratch + "/bad.gif"
        for (frames, fps) in [([Image](), 10.0), ([Image(width: 4, height: 4), Image(width: 5, height: 4)], 10),
                              ([Image(width: 4, height: 4)], 0), ([Image(width: 0, height: 4)], 10)] {
            XCTAssertThrowsError(try writeGIF(frames, to: path, fps: fps)) { error in
                XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testFramesFolder() throws {
        let folder = scratch + "/out/frames"
        let frames = rich(8, 8, frames: 3)
        let paths = try writeFrames(frames, toFolder: folder)
        XCTAssertEqual(paths.map { ($0 as NSString).lastPathComponent }, ["frame-0000.png", "frame-0001.png", "frame-0002.png"])
        for (path, frame) in zip(paths, frames) {
            assertSameImage(try readPNG(path).image, frame, tolerance: 1.0 / 255 + 1e-6)
        }
        XCTAssertNoThrow(try writeFrames(frames, toFolder: folder))  // an existing folder is fine
        let file = scratch + "/plain"
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        XCTAssertThrowsError(try writeFrames(frames, toFolder: file)) { XCTAssertTrue("\($0)".contains(file)) }
    }

    func testPaletteNearestMatchesBruteForce() {
        let palette = GIFPalette.medianCut((0..<3000).map { UInt8(($0 * 97) % 256) }, maxColors: 37)
        XCTAssertLessThanOrEqual(palette.count, 37)
        for r in stride(from: 0, to: 256, by: 15) { for g in stride(from: 0, to: 256, by: 17) { for b in stride(from: 0, to: 256, by: 51) {
            let brute = (0..<palette.count).min { a, c in
                func d(_ e: Int) -> Int { (0..<3).reduce(0) { $0 + (Int(palette.colors[e * 3 + $1]) - [r, g, b][$1]) * (Int(palette.colors[e * 3 + $1]) - [r, g, b][$1]) } }
                return (d(a), a) < (d(c), c)
            } ?? 0
            XCTAssertEqual(Int(palette.nearest(r, g, b)), brute)
        } } }
    }
}
