// PNG writing: 8-bit RGB through libpng's simplified API, into a temporary file in the same
// folder that is renamed into place, so a crash or a full disk never leaves half a PNG
// under the real name.
import CPNG

/// Writes `image` as an 8-bit RGB PNG. Samples are clamped to [-1, 1] and rounded to the
/// nearest of 256 levels, so an image read from an 8-bit file writes back byte-identical.
public func writePNG(_ image: Image, to path: String) throws {
    guard !image.isEmpty else {
        throw ImagingError(path: path, reason: .invalidArgument("cannot write an empty (\(image.width) x \(image.height)) image"))
    }
    let bytes = interleavedBytes(image)
    let temporary = FileBytes.temporaryPath(for: path)
    let control = PNGControl()
    control.image.pointee.width = UInt32(image.width)
    control.image.pointee.height = UInt32(image.height)
    control.image.pointee.format = PNGFormat.color
    let ok = bytes.withUnsafeBytes {
        png_image_write_to_file(control.image, temporary, 0, $0.baseAddress, Int32(image.width * 3), nil)
    }
    if ok == 0 {
        FileBytes.remove(temporary)
        throw ImagingError(path: path, reason: .writeFailed(control.message))
    }
    try FileBytes.commit(temporary: temporary, to: path)
}

/// Interleaved 8-bit RGB (clamped, rounded), the layout libpng and GIF quantisation want.
public func interleavedBytes(_ image: Image) -> [UInt8] {
    let plane = image.planeSize
    var bytes = [UInt8](repeating: 0, count: plane * 3)
    image.pixels.withUnsafeBufferPointer { src in
        bytes.withUnsafeMutableBufferPointer { dst in
            for i in 0..<plane {
                dst[i * 3] = Image.toByte(src[i])
                dst[i * 3 + 1] = Image.toByte(src[plane + i])
                dst[i * 3 + 2] = Image.toByte(src[2 * plane + i])
            }
        }
    }
    return bytes
}
