// Frames as numbered PNGs, for tools that assemble their own video (ffmpeg -i frame-%04d.png).

/// Writes `frames` into `folder` (created with its parents if missing) as `frame-0000.png`,
/// `frame-0001.png`, ... and returns the paths written. Numbers widen past 9999.
@discardableResult
public func writeFrames(_ frames: [Image], toFolder folder: String, prefix: String = "frame-") throws -> [String] {
    guard !frames.isEmpty else {
        throw ImagingError(path: folder, reason: .invalidArgument("no frames to write"))
    }
    try FileBytes.makeDirectory(folder)
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    var paths: [String] = []
    for (n, frame) in frames.enumerated() {
        let digits = String(n)
        let path = base + prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ".png"
        try writePNG(frame, to: path)
        paths.append(path)
    }
    return paths
}
