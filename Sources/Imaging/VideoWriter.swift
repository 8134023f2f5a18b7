// Video through ffmpeg, when it is installed: frames are piped to it as raw RGB, so no
// frame files touch the disk. sgs itself links no video codec.
import Foundation

/// The video containers `writeVideo` knows, by file extension.
public enum VideoFormat: String, CaseIterable, Sendable {
    case mp4, webm

    public init?(path: String) { self.init(rawValue: fileExtension(path)) }

    /// The encoder arguments: H.264 in MP4 (plays everywhere), VP9 in WebM.
    var codecArguments: [String] {
        switch self {
        case .mp4: return ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-crf", "18", "-movflags", "+faststart"]
        case .webm: return ["-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-crf", "30", "-b:v", "0"]
        }
    }
}

/// The ffmpeg executable on `PATH`, or nil.
public func findFFmpeg(path searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
    for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
        let candidate = "\(folder)/ffmpeg"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Encodes `frames` (one size) as an MP4 or WebM video at `fps` by piping raw RGB to
/// `ffmpeg`, into a temporary file renamed into place. Odd sizes are padded by one pixel
/// (yuv420p needs even sides).
public func writeVideo(_ frames: [Image], to path: String, fps: Double, ffmpeg: String) throws {
    guard let format = VideoFormat(path: path) else {
        throw ImagingError(path: path, reason: .unsupportedExtension(fileExtension(path), writable: ".mp4, .webm"))
    }
    guard let first = frames.first else {
        throw ImagingError(path: path, reason: .invalidArgument("an animation needs at least one frame"))
    }
    if let odd = frames.first(where: { $0.width != first.width || $0.height != first.height }) {
        throw ImagingError(path: path, reason: .invalidArgument(
            "all frames must be the same size (\(first.width) x \(first.height), found \(odd.width) x \(odd.height))"))
    }
    let temporary = FileBytes.temporaryPath(for: path)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ffmpeg)
    process.arguments = ["-y", "-nostdin", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
                         "-s", "\(first.width)x\(first.height)", "-r", String(fps), "-i", "pipe:0",
                         "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"] + format.codecArguments
        + ["-fflags", "+bitexact", "-f", format.rawValue, temporary]
    let input = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    do { try process.run() } catch {
        throw ImagingError(path: path, reason: .writeFailed("cannot run \(ffmpeg): \(error.localizedDescription)"))
    }
    // ffmpeg's messages are read on another thread so a chatty ffmpeg cannot block on a full pipe.
    let messages = FFmpegMessages()
    let reader = Thread { messages.data = errors.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    // An ffmpeg that quits early must give an error here, not a SIGPIPE that ends sgs.
    let previous = signal(SIGPIPE, SIG_IGN)
    var piped = true
    for frame in frames where piped {
        piped = (try? input.fileHandleForWriting.write(contentsOf: Data(interleavedBytes(frame)))) != nil
    }
    try? input.fileHandleForWriting.close()
    signal(SIGPIPE, previous)
    process.waitUntilExit()
    while !messages.done { usleep(1000) }
    guard process.terminationStatus == 0, piped, FileManager.default.fileExists(atPath: temporary) else {
        FileBytes.remove(temporary)
        let text = String(decoding: messages.data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        throw ImagingError(path: path, reason: .writeFailed("ffmpeg failed (exit \(process.terminationStatus))"
                                                            + (text.isEmpty ? "" : ": \(text)")))
    }
    try FileBytes.commit(temporary: temporary, to: path)
}

/// ffmpeg's stderr, filled by the reader thread.
private final class FFmpegMessages: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = Data()
    private var finished = false

    var data: Data {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; finished = true; lock.unlock() }
    }

    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
}
