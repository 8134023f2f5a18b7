// Files for the SinGAN commands: every error names the file, folders are created
// for outputs, and `{i}` patterns number several files.
import Foundation
import Imaging
import Script
import SinGAN

/// Runs a file operation on `path`; failures become I/O errors that name the file.
func withFile<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ScriptError {
        throw error
    } catch {
        let text = "\(error)"
        throw ScriptError.io(text.contains(path) ? text : "\(path): \(text)")
    }
}

/// Creates the folder `path` is in, so `into "out/s_{i}.png"` works in a fresh directory.
func makeParentFolder(of path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try makeFolder(folder, for: path)
}

func makeFolder(_ folder: String, for path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
        throw ScriptError.io("\(path): cannot create the folder '\(folder)'")
    }
}

/// Writes an image in the format its name asks for (.png, .jpg, .jpeg, .gif), creating its
/// folder. A name sgs cannot write is refused before any folder is made.
func saveImage(_ image: Image, to path: String) throws {
    try withFile(path) {
        try checkWritableImageName(path)
        try makeParentFolder(of: path)
        try writeImage(image, to: path)
    }
}

/// Refuses a file name whose extension names no still-image format we write.
func checkWritableImageName(_ path: String) throws {
    guard ImageFileFormat(path: path) != nil else {
        throw ImagingError(path: path, reason: .unsupportedExtension(fileExtension(path), writable: ImageFileFormat.writable))
    }
}

extension ArgType {
    /// An image file name; the extensions are for tab completion.
    static let imageFile = ArgType.path(["png", "jpg", "jpeg"])
    /// Where frames go: an animation or a folder.
    static let animationFile = ArgType.path(["gif", "mp4", "webm"])
}

/// The file names `into PATTERN` gives `count` files: `{i}` counts from 0. One file
/// may do without `{i}`; several need it, so no file overwrites another.
func numberedPaths(_ pattern: String, count: Int) throws -> [String] {
    guard pattern.contains("{i}") else {
        guard count == 1 else {
            throw ScriptError.runtime("'into \"\(pattern)\"' needs {i} in the name to write \(count) files (e.g. \"out/s_{i}.png\")")
        }
        return [pattern]
    }
    return (0..<count).map { pattern.replacingOccurrences(of: "{i}", with: String($0)) }
}

/// `wrote a.png` or `wrote a_0.png ... a_3.png (4 files)`.
func wroteMessage(_ paths: [String]) -> String {
    guard let first = paths.first, let last = paths.last else { return "wrote nothing" }
    return paths.count == 1 ? "wrote \(first)" : "wrote \(first) ... \(last) (\(paths.count) files)"
}

/// Whether a path names a folder for numbered frames rather than a GIF: it ends in `/`
/// or has no extension.
func isFolderPath(_ path: String) -> Bool {
    path.hasSuffix("/") || URL(fileURLWithPath: path).pathExtension.isEmpty
}

/// A file's name without folder and extension: "balloons" for "in/balloons.png".
func baseName(_ path: String) -> String {
    URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
}
