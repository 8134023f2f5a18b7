// PNG reading through libpng's simplified API (png_image_*), which reports errors as a zero
// return plus a message and never longjmps through Swift frames.
//
// Raw samples, not colour-managed ones: the SinGAN reference reads images with skimage/PIL,
// which ignore gAMA/cHRM/sRGB/iCCP. The simplified API would otherwise convert a file with
// a gAMA chunk to sRGB, so we remove those chunks from the byte stream before libpng sees
// it. With them gone, libpng assumes 8-bit data is sRGB and 16-bit data is linear, and we
// ask for exactly that encoding (8-bit sRGB formats for files of depth <= 8, 16-bit LINEAR
// formats for 16-bit files), so no transfer curve is ever applied.
import CPNG

/// What `readPNG` returns: the image plus facts the caller may want to report.
public struct LoadedPNG: Sendable {
    public var image: Image
    /// True when the file had real transparency (a tRNS chunk, or an alpha channel with any
    /// value below the maximum). The alpha was dropped, as the reference does; the caller
    /// should say so once.
    public var hadTransparency: Bool
    /// Bit depth of the samples as read: 8 for files of depth 1-8 and palettes, 16 for 16-bit.
    public var bitDepth: Int
    /// The one-line notice to print on stderr when `hadTransparency`, else nil.
    public var notice: String?
}

/// Reads any valid PNG (every colour type, bit depth and interlace) into an RGB `Image` in
/// [-1, 1]. Gray is replicated to three channels; alpha is dropped without compositing.
/// - Parameter minimumSide: when given, images whose width or height is smaller are refused.
public func readPNG(_ path: String, minimumSide: Int? = nil) throws -> LoadedPNG {
    let file = try FileBytes.read(path)
    guard PNGChunks.hasSignature(file) else { throw ImagingError(path: path, reason: .notPNG) }
    let stream = PNGChunks.withoutColorManagement(file)
    if let overrun = stream.overrun { throw ImagingError(path: path, reason: .corrupt(overrun)) }

    // The simplified API reads from this memory lazily, so it must stay put through finish_read.
    return try stream.bytes.withUnsafeBytes { memory -> LoadedPNG in
        let control = try PNGDecoder.begin(memory, path: path)
        let header = control.image.pointee
        let width = Int(header.width), height = Int(header.height)
        if width * height > PNGLimits.maxPixels {  // both fit in 31 bits, so no overflow
            throw ImagingError(path: path, reason: .tooLarge(width: width, height: height))
        }
        if let minimum = minimumSide, width < minimum || height < minimum {
            throw ImagingError(path: path, reason: .tooSmall(width: width, height: height, minimum: minimum))
        }
        let hasAlpha = header.format & PNGFormat.alpha != 0
        let sixteenBit = header.format & PNGFormat.linear != 0
        let decoded: PNGDecoder.Result
        if sixteenBit {
            decoded = try PNGDecoder.read16(control, alpha: hasAlpha, path: path)
        } else {
            decoded = try PNGDecoder.read8(control, alpha: hasAlpha, path: path)
        }
        let transparent = stream.hasTRNS || decoded.sawTransparency
        return LoadedPNG(image: decoded.image, hadTransparency: transparent,
                         bitDepth: sixteenBit ? 16 : 8,
                         notice: transparent ? "note: \(path) has transparency; alpha dropped" : nil)
    }
}

/// Format flags of png_image.format (PNG_FORMAT_FLAG_*), spelled out because the composite
/// macros do not all import into Swift.
enum PNGFormat {
    static let alpha: UInt32 = 0x01
    static let color: UInt32 = 0x02
    static let linear: UInt32 = 0x04
    static let colormap: UInt32 = 0x08
}

/// The libpng calls, kept apart from the policy above.
enum PNGDecoder {
    struct Result {
        var image: Image
        var sawTransparency: Bool
    }

    /// Starts a read from memory; the header fields (size, natural format) are then valid.
    static func begin(_ memory: UnsafeRawBufferPointer, path: String) throws -> PNGControl {
        let control = PNGControl()
        if png_image_begin_read_from_memory(control.image, memory.baseAddress, memory.count) == 0 {
            throw ImagingError(path: path, reason: .corrupt(control.message))
        }
        return control
    }

    /// Depth <= 8 and palettes: 8-bit sRGB output, which for a file without gamma chunks is
    /// the identity on samples (1/2/4-bit gray is scaled up to 0...255 exactly).
    static func read8(_ control: PNGControl, alpha: Bool, path: String) throws -> Result {
        let channels = alpha ? 4 : 3
        control.image.pointee.format = PNGFormat.color | (alpha ? PNGFormat.alpha : 0)
        let width = Int(control.image.pointee.width), height = Int(control.image.pointee.height)
        var buffer = [UInt8](repeating: 0, count: width * height * channels)
        try finish(control, into: &buffer, stride: Int32(width * channels), path: path)
        var image = Image(width: width, height: height)
        var transparent = false
        buffer.withUnsafeBufferPointer { src in
            image.pixels.withUnsafeMutableBufferPointer { dst in
                let plane = width * height
                for i in 0..<plane {
                    for c in 0..<3 { dst[c * plane + i] = fromUnit(Double(src[i * channels + c]) / 255) }
                    if alpha && src[i * 4 + 3] != 255 { transparent = true }
                }
            }
        }
        return Result(image: image, sawTransparency: transparent)
    }

    /// 16-bit files: LINEAR output keeps the 16-bit samples untouched (no gamma chunk means
    /// linear to libpng). With alpha, LINEAR output is premultiplied, so we divide it back
    /// out: exact where alpha is 65535, within about 1/alpha elsewhere, and black where alpha is
    /// 0 (that colour is gone). libpng's 8-bit route for such files bends the samples with a
    /// transfer curve, which is worse.
    static func read16(_ control: PNGControl, alpha: Bool, path: String) throws -> Result {
        let channels = alpha ? 4 : 3
        control.image.pointee.format = PNGFormat.color | PNGFormat.linear | (alpha ? PNGFormat.alpha : 0)
        let width = Int(control.image.pointee.width), height = Int(control.image.pointee.height), plane = width * height
        var buffer = [UInt16](repeating: 0, count: plane * channels)
        try finish(control, into: &buffer, stride: Int32(width * channels), path: path)
        var image = Image(width: width, height: height)
        var transparent = false
        buffer.withUnsafeBufferPointer { src in
            image.pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<plane {
                    let a = alpha ? Double(src[i * 4 + 3]) : 65535
                    if a < 65535 { transparent = true }
                    for c in 0..<3 {
                        var v = Double(src[i * channels + c])
                        if a < 65535 { v = a == 0 ? 0 : min(65535, (v * 65535 / a).rounded()) }
                        dst[c * plane + i] = fromUnit(v / 65535)
                    }
                }
            }
        }
        return Result(image: image, sawTransparency: transparent)
    }

    /// Maps a sample in [0, 1] to [-1, 1] the way the reference does: the division happens
    /// in float64 (numpy), then float32 `(x - 0.5) * 2` (torch).
    @inline(__always)
    static func fromUnit(_ unit: Double) -> Float { (Float(unit) - 0.5) * 2 }

    static func finish<T>(_ control: PNGControl, into buffer: inout [T], stride: Int32, path: String) throws {
        let ok = buffer.withUnsafeMutableBytes { png_image_finish_read(control.image, nil, $0.baseAddress, stride, nil) }
        if ok == 0 { throw ImagingError(path: path, reason: .corrupt(control.message)) }
    }
}

/// A png_image at a fixed heap address. libpng keeps a pointer to the png_image it was
/// started with (for its error handler), so the struct must not move between
/// png_image_begin_read and png_image_finish_read, which a Swift local copied around would.
final class PNGControl {
    let image: UnsafeMutablePointer<png_image>

    init() {
        image = UnsafeMutablePointer<png_image>.allocate(capacity: 1)
        image.initialize(to: png_image())
        image.pointee.version = UInt32(PNG_IMAGE_VERSION)
    }

    deinit {
        png_image_free(image)
        image.deallocate()
    }

    /// libpng's message for the last failure.
    var message: String {
        let text = withUnsafeBytes(of: &image.pointee.message) { raw -> String in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "libpng gave no reason" : text
    }
}
