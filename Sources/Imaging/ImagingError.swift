// One error type for everything Imaging refuses, so the caller can print a single line
// that names the file and says what is wrong with it.

/// Why an image could not be read or written. `description` is a complete one-line message,
/// e.g. `photo.png: not a PNG file (bad signature)`.
public struct ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// No file at that path.
        case missingFile
        /// The path names a directory.
        case isDirectory
        /// The file exists but could not be opened or read (permissions, I/O error).
        case unreadable(String)
        /// The first 8 bytes are not the PNG signature.
        case notPNG
        /// libpng refused the data; the associated text is libpng's own message.
        case corrupt(String)
        /// libjpeg refused the data or warned about it (truncated, bad markers); its message.
        case corruptJPEG(String)
        /// The first bytes are neither a PNG nor a JPEG signature.
        case unknownFormat
        /// A file name whose extension names no format we write (extension, formats we do).
        case unsupportedExtension(String, writable: String)
        /// The header declares more pixels than we are willing to allocate.
        case tooLarge(width: Int, height: Int)
        /// Smaller than the caller's minimum side length.
        case tooSmall(width: Int, height: Int, minimum: Int)
        /// Writing failed; the text says why.
        case writeFailed(String)
        /// A caller-supplied value made no sense (empty image, zero frames, ...).
        case invalidArgument(String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        let why: String
        switch reason {
        case .missingFile: why = "no such file"
        case .isDirectory: why = "is a directory, not an image file"
        case .unreadable(let detail): why = "cannot read the file (\(detail))"
        case .notPNG: why = "not a PNG file (bad signature)"
        case .corrupt(let detail): why = "corrupt or truncated PNG (\(detail))"
        case .corruptJPEG(let detail): why = "corrupt or truncated JPEG (\(detail))"
        case .unknownFormat: why = "not a PNG or JPEG file"
        case .unsupportedExtension(let ext, let writable):
            why = (ext.isEmpty ? "no file extension to tell the format" : "cannot write .\(ext) files")
                + " (sgs writes \(writable))"
        case .tooLarge(let w, let h):
            why = "image too large (\(w) x \(h) pixels; the limit is \(PNGLimits.maxPixels / 1_000_000) megapixels)"
        case .tooSmall(let w, let h, let minimum):
            why = "image too small (\(w) x \(h) pixels; each side must be at least \(minimum))"
        case .writeFailed(let detail): why = "cannot write (\(detail))"
        case .invalidArgument(let detail): why = detail
        }
        return "\(path): \(why)"
    }
}

/// Limits checked before any pixel buffer is allocated.
public enum PNGLimits {
    /// 100 megapixels: far beyond anything SinGAN can train on, small enough to allocate.
    public static let maxPixels = 100_000_000
}
