// JPEG in and out through libjpeg-turbo. The decode and encode run inside the C shim
// (Sources/CJPEG/shim.h), whose setjmp never lets libjpeg's longjmp reach a Swift frame;
// here we only move bytes and turn its messages into ImagingErrors that name the file.
import CJPEG

/// Reads a baseline or progressive JPEG (gray or colour; CMYK is refused) into an RGB
/// `Image` in [-1, 1], mapping 8-bit samples as `readPNG` does, turned upright by its EXIF
/// orientation (as phones and image viewers show it). A file libjpeg warns about
/// (truncated, corrupt entropy data) is refused rather than returned half gray.
public func readJPEG(_ path: String, minimumSide: Int? = nil) throws -> Image {
    let file = try FileBytes.read(path)
    guard JPEGFormat.hasSignature(file) else {
        throw ImagingError(path: path, reason: .corruptJPEG("not a JPEG file (bad signature)"))
    }
    var result = sgs_jpeg_result()
    let status = file.withUnsafeBufferPointer {
        sgs_jpeg_decode($0.baseAddress, UInt($0.count), PNGLimits.maxPixels, &result)
    }
    defer { sgs_jpeg_free(&result) }
    let width = Int(result.width), height = Int(result.height)
    if status == -1 { throw ImagingError(path: path, reason: .tooLarge(width: width, height: height)) }
    if status == 0 || result.warnings > 0 {
        throw ImagingError(path: path, reason: .corruptJPEG(JPEGFormat.message(&result)))
    }
    if let minimum = minimumSide, width < minimum || height < minimum {
        throw ImagingError(path: path, reason: .tooSmall(width: width, height: height, minimum: minimum))
    }
    var image = Image(width: width, height: height)
    let plane = width * height
    image.pixels.withUnsafeMutableBufferPointer { dst in
        for i in 0..<plane {
            for c in 0..<3 { dst[c * plane + i] = PNGDecoder.fromUnit(Double(result.pixels[i * 3 + c]) / 255) }
        }
    }
    return JPEGOrientation.upright(image, orientation: JPEGOrientation.orientation(in: file))
}

/// Writes `image` as a JPEG of `quality` (1...100; 92 by default, where artefacts are hard
/// to see), via a temporary file renamed into place.
public func writeJPEG(_ image: Image, to path: String, quality: Int = 92) throws {
    guard !image.isEmpty else {
        throw ImagingError(path: path, reason: .invalidArgument("cannot write an empty (\(image.width) x \(image.height)) image"))
    }
    guard (1...100).contains(quality) else {
        throw ImagingError(path: path, reason: .invalidArgument("JPEG quality must be from 1 to 100, got \(quality)"))
    }
    let rgb = interleavedBytes(image)
    var result = sgs_jpeg_result()
    let ok = rgb.withUnsafeBufferPointer {
        sgs_jpeg_encode($0.baseAddress, Int32(image.width), Int32(image.height), Int32(quality), &result)
    }
    defer { sgs_jpeg_free(&result) }
    guard ok == 1, let stream = result.pixels else {
        throw ImagingError(path: path, reason: .writeFailed(JPEGFormat.message(&result)))
    }
    try FileBytes.write(Array(UnsafeBufferPointer(start: stream, count: Int(result.byteCount))), to: path)
}

enum JPEGFormat {
    /// SOI marker followed by the start of another marker.
    static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
    }

    /// libjpeg's message from the shim's buffer.
    static func message(_ result: inout sgs_jpeg_result) -> String {
        let text = withUnsafeBytes(of: &result.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "libjpeg gave no reason" : text
    }
}
