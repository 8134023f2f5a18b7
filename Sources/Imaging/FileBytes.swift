// Small file-system helpers shared by the readers and writers: whole-file reads with a
// reason on failure, and the write-to-temporary-then-rename dance that keeps a reader
// from ever seeing half a file.
import Glibc

enum FileBytes {
    /// Refuses missing paths and directories with their own reasons, so messages say what
    /// is wrong instead of a bare errno.
    static func checkReadable(_ path: String) throws {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT || errno == ENOTDIR {
                throw ImagingError(path: path, reason: .missingFile)
            }
            throw ImagingError(path: path, reason: .unreadable(errnoText()))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw ImagingError(path: path, reason: .isDirectory)
        }
    }

    /// Files larger than this are refused rather than read into memory (a 100-megapixel
    /// 16-bit RGBA PNG stays well below it).
    static let maxBytes = 1 << 30

    /// The whole file, or an error naming it.
    static func read(_ path: String) throws -> [UInt8] {
        try checkReadable(path)
        guard let file = fopen(path, "rb") else {
            throw ImagingError(path: path, reason: .unreadable(errnoText()))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if got > 0 { bytes.append(contentsOf: chunk[0..<got]) }
            if bytes.count > maxBytes {
                throw ImagingError(path: path, reason: .unreadable("larger than \(maxBytes >> 20) MiB"))
            }
            if got < chunk.count {
                if ferror(file) != 0 { throw ImagingError(path: path, reason: .unreadable(errnoText())) }
                break
            }
        }
        return bytes
    }

    /// The first `count` bytes (fewer for a shorter file), to tell formats apart.
    static func head(_ path: String, count: Int) throws -> [UInt8] {
        try checkReadable(path)
        guard let file = fopen(path, "rb") else {
            throw ImagingError(path: path, reason: .unreadable(errnoText()))
        }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
        return Array(bytes.prefix(got))
    }

    /// A temporary name in the same folder as `path`, so the final rename stays on one
    /// file system and is atomic.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Moves a finished temporary file into place; removes it if that fails.
    static func commit(temporary: String, to path: String) throws {
        if rename(temporary, path) != 0 {
            let why = errnoText()
            unlink(temporary)
            throw ImagingError(path: path, reason: .writeFailed(why))
        }
    }

    /// Writes bytes to `path` via a temporary file in the same folder.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = temporaryPath(for: path)
        guard let file = fopen(temporary, "wb") else {
            throw ImagingError(path: path, reason: .writeFailed(errnoText()))
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0
        let why = errnoText()
        fclose(file)
        guard written == bytes.count, flushed else {
            unlink(temporary)
            throw ImagingError(path: path, reason: .writeFailed(why))
        }
        try commit(temporary: temporary, to: path)
    }

    /// Creates a folder and its parents; fine if it already exists as a folder.
    static func makeDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw ImagingError(path: path, reason: .writeFailed("exists and is not a directory"))
        }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty && parent != path { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw ImagingError(path: path, reason: .writeFailed(errnoText()))
        }
    }

    /// Best-effort removal of a leftover temporary file.
    static func remove(_ path: String) { unlink(path) }

    static func errnoText() -> String {
        guard let text = strerror(errno) else { return "error \(errno)" }
        return String(cString: text)
    }
}
