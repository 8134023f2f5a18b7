// Where `show` writes its previews: a folder of the user's own, so a second user on a shared
// server never meets the first one's files: `$XDG_RUNTIME_DIR/sgs` (private and cleared at
// logout), else `/tmp/sgs-UID` (created 0700). Files are named `PID-kind-N.png`, so sessions
// running side by side do not collide, and previews older than a day (or beyond the newest
// 200) are removed when a session writes its first one.
import Foundation
import Imaging
import Script

enum PreviewFiles {
    static let keepSeconds: TimeInterval = 24 * 3600
    static let keepCount = 200

    /// The per-user preview folder for this environment.
    static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"), isPrivateFolder(runtime) {
            return (runtime.hasSuffix("/") ? String(runtime.dropLast()) : runtime) + "/sgs"
        }
        return "/tmp/sgs-\(getuid())"
    }

    /// A folder that exists and belongs to this user.
    static func isPrivateFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == getuid()
    }

    /// Creates the folder for this user only, and refuses one that someone else owns (a
    /// planted /tmp/sgs-UID), so previews never land in another user's hands.
    static func prepare(_ folder: String) throws {
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            try makeFolder(folder, for: folder)
        }
        guard isPrivateFolder(folder) else {
            throw ScriptError.io("\(folder): the preview folder belongs to another user; set XDG_RUNTIME_DIR or remove it")
        }
    }

    /// Removes previews older than a day, and the oldest beyond `keepCount`; best effort.
    static func cleanUp(_ folder: String, now: Date = Date()) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        let previews = names.filter { $0.hasSuffix(".png") }.compactMap { name -> (path: String, date: Date)? in
            let path = folder + "/" + name
            guard let date = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
            return (path, date)
        }.sorted { $0.date > $1.date }
        for (n, preview) in previews.enumerated() where n >= keepCount || now.timeIntervalSince(preview.date) > keepSeconds {
            try? manager.removeItem(atPath: preview.path)
        }
    }
}

extension SGSSession {
    /// Writes `image` as the next preview file and returns its path. The first preview of a
    /// session prepares the folder and clears out old previews.
    func savePreview(_ image: Image, _ kind: String) throws -> String {
        if previewCount == 0 {
            try PreviewFiles.prepare(previewFolder)
            PreviewFiles.cleanUp(previewFolder)
        }
        previewCount += 1
        let path = "\(previewFolder)/\(previewPrefix)\(kind)-\(previewCount).png"
        try saveImage(image, to: path)
        return path
    }

    /// Writes a preview (or `into` a file of the user's), prints its path as the command's
    /// result, so `--quiet` keeps it, and shows it inline where the terminal can.
    func preview(_ image: Image, _ kind: String, into path: String? = nil) throws {
        if let path {
            try saveImage(image, to: path)
            output.print("wrote \(path)")
            if ImageFileFormat(path: path) == .png { showPreview?(path) }
            return
        }
        let written = try savePreview(image, kind)
        output.print("preview: \(written)")
        showPreview?(written)
    }
}
