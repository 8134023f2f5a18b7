// Image files by kind: `load` reads whatever the bytes are (PNG or JPEG), `save` writes
// the format the file name asks for, and a name sgs cannot write is an error that lists
// the ones it can, never a PNG under another name.

/// The still-image formats sgs reads and writes.
public enum ImageFileFormat: String, CaseIterable, Sendable {
    case png, jpeg, gif

    /// The format a file name asks for (`.png`, `.jpg`, `.jpeg`, any case), or nil.
    public init?(path: String) {
        switch fileExtension(path) {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "gif": self = .gif
        default: return nil
        }
    }
}

extension ImageFileFormat {
    /// What an error lists: ".png, .jpg, .jpeg, .gif".
    public static let writable = ".png, .jpg, .jpeg, .gif"
}

/// The extension of the last path component, lowercased, without the dot ("" if none).
public func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return String(name[name.index(after: dot)...]).lowercased()
}

/// Reads a PNG or a JPEG, recognised by its first bytes, not by its name.
public func readImage(_ path: String, minimumSide: Int? = nil) throws -> LoadedPNG {
    let head = try FileBytes.head(path, count: 8)
    if JPEGFormat.hasSignature(head) {
        return LoadedPNG(image: try readJPEG(path, minimumSide: minimumSide), hadTransparency: false,
                         bitDepth: 8, notice: nil)
    }
    if PNGChunks.hasSignature(head) { return try readPNG(path, minimumSide: minimumSide) }
    throw ImagingError(path: path, reason: .unknownFormat)
}

/// Writes a still image in the format its name asks for; `quality` is for JPEG.
public func writeImage(_ image: Image, to path: String, quality: Int = 92) throws {
    switch ImageFileFormat(path: path) {
    case .png: try writePNG(image, to: path)
    case .jpeg: try writeJPEG(image, to: path, quality: quality)
    case .gif: try writeGIF([image], to: path, fps: 10)
    case nil: throw ImagingError(path: path, reason: .unsupportedExtension(fileExtension(path), writable: ImageFileFormat.writable))
    }
}
