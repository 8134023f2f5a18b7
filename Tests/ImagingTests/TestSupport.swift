// Shared helpers for the Imaging tests: where the fixtures live, scratch folders,
// writing test PNGs with libpng itself, and running external tools when present.
import CPNG
import Foundation
import Imaging
import XCTest

enum Fixtures {
    /// Tests/ImagingTests/Fixtures: PngSuite and the few training images the tests read,
    /// copied into the repository (their sources are in the READMEs there).
    static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").path

    /// A folder of fixtures; missing ones are a failure, not a skip, so a broken checkout
    /// cannot pass vacuously.
    static func folder(_ name: String) throws -> String {
        let path = root + "/" + name
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FixtureMissing(path: path)
        }
        return path
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "test fixtures not found at \(path)" }
    }

    static func pngSuite() throws -> (folder: String, files: [String]) {
        let folder = try folder("pngsuite")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".png") }.sorted()
        return (folder, files)
    }
}

/// A fresh scratch folder, removed by the caller's `tearDown`.
func makeScratchFolder() -> String {
    let path = NSTemporaryDirectory() + "imaging-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The [-1, 1] value our reader produces for a sample `v` of a `maximum`-valued depth.
func expectedValue(_ v: Int, maximum: Int) -> Float {
    (Float(Double(v) / Double(maximum)) - 0.5) * 2
}

/// libpng format flags (PNG_FORMAT_FLAG_*), for writing fixtures.
enum TestFormat {
    static let alpha: UInt32 = 1, color: UInt32 = 2, linear: UInt32 = 4, colormap: UInt32 = 8
}

/// Writes a PNG with libpng's simplified API from raw interleaved samples (`UInt8` or
/// `UInt16` according to the LINEAR flag), optionally with a colour map.
func writeFixturePNG<T>(_ path: String, width: Int, height: Int, format: UInt32,
                        samples: [T], colormap: [UInt8]? = nil, entries: Int = 0) -> Bool {
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    image.width = UInt32(width)
    image.height = UInt32(height)
    image.format = format
    image.colormap_entries = UInt32(entries)
    let channels = format & TestFormat.colormap != 0 ? 1 : Int((format & 3) + 1)
    let ok = samples.withUnsafeBytes { data -> Int32 in
        if let map = colormap {
            return map.withUnsafeBytes {
                png_image_write_to_file(&image, path, 0, data.baseAddress, Int32(width * channels), $0.baseAddress)
            }
        }
        return png_image_write_to_file(&image, path, 0, data.baseAddress, Int32(width * channels), nil)
    }
    png_image_free(&image)
    return ok != 0
}

/// Runs a tool if it is installed; nil when it is not.
func runTool(_ name: String, _ arguments: [String]) -> (status: Int32, output: Data)? {
    guard let tool = ["/usr/bin/", "/usr/local/bin/", "/bin/"].map({ $0 + name })
        .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// CRC-32 as PNG chunks use it, for hand-made headers.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        crc ^= UInt32(b)
        for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
    }
    return ~crc
}

func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 255), UInt8((v >> 8) & 255), UInt8(v & 255)] }

/// A PNG chunk: length, type, data, CRC.
func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
}

/// Compares two images without printing thousands of samples on failure.
func assertSameImage(_ a: Image, _ b: Image, tolerance: Float = 0, _ message: String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
    guard a.width == b.width, a.height == b.height else {
        return XCTFail("sizes differ: \(a.width)x\(a.height) vs \(b.width)x\(b.height) \(message)", file: file, line: line)
    }
    for i in 0..<a.pixels.count where !(abs(a.pixels[i] - b.pixels[i]) <= tolerance) {
        let plane = a.planeSize
        return XCTFail("first difference at channel \(i / plane), x \(i % plane % a.width), y \(i % plane / a.width): "
                       + "\(a.pixels[i]) vs \(b.pixels[i]) \(message)", file: file, line: line)
    }
}

/// The file without its colour-management chunks (gAMA, cHRM, sRGB, iCCP), so that tools
/// which colour-manage on read (ImageMagick does) report raw samples.
func stripColorManagement(_ file: [UInt8]) -> [UInt8] {
    var out = Array(file.prefix(8)), at = 8
    while at + 12 <= file.count {
        let length = Int(file[at]) << 24 | Int(file[at + 1]) << 16 | Int(file[at + 2]) << 8 | Int(file[at + 3])
        let end = min(file.count, at + 12 + length)
        let type = String(decoding: file[(at + 4)..<(at + 8)], as: UTF8.self)
        if !["gAMA", "cHRM", "sRGB", "iCCP"].contains(type) { out += file[at..<end] }
        at = end
    }
    return out
}
