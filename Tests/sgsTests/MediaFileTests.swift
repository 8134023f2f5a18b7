// Files by name, through the real binary: save writes what the name says or refuses;
// save frames pipes raw frames to ffmpeg for .mp4/.webm (a stand-in ffmpeg on PATH records
// what it was given) and says so clearly when ffmpeg is missing.
import Foundation
import XCTest

final class MediaFileTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws { folder = try TemporaryFolder() }

    private func bytes(_ name: String) -> [UInt8] {
        Array((try? Data(contentsOf: folder.url.appendingPathComponent(name))) ?? Data())
    }

    func testSaveWritesTheFormatOfTheName() throws {
        let outcome = try runSGS(["--seed", "1", "-c", """
            let a = synth stripes size 20x10
            save a "a.jpg"
            save a "out/b.png"
            save a "c.gif"
            print load("a.jpg")
            """], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.hasSuffix("image 20x10\n"), outcome.output)
        XCTAssertEqual(Array(bytes("a.jpg").prefix(3)), [0xFF, 0xD8, 0xFF])
        XCTAssertEqual(Array(bytes("out/b.png").prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(Array(bytes("c.gif").prefix(3)), Array("GIF".utf8))
    }

    func testNamesSgsCannotWriteAreErrorsNotPNGs() throws {
        for name in ["a.mp4", "a.tif", "noext"] {
            let outcome = try runSGS(["--seed", "1", "-c", "save (synth stripes size 8x8) \"\(name)\""], in: folder)
            XCTAssertEqual(outcome.status, 74, name)
            XCTAssertTrue(outcome.errors.contains("\(name): "), outcome.errors)
            XCTAssertTrue(outcome.errors.contains("sgs writes .png, .jpg, .jpeg, .gif"), outcome.errors)
            XCTAssertEqual(bytes(name), [], "nothing written as \(name)")
        }
    }

    /// A script standing in for ffmpeg: saves its arguments and its standard input.
    private func fakeFFmpeg(exitStatus: Int = 0) throws -> String {
        let bin = folder.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("ffmpeg")
        try """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(folder.url.path)/ffmpeg-args"
            cat > "\(folder.url.path)/ffmpeg-stdin"
            for last in "$@"; do :; done
            [ \(exitStatus) -eq 0 ] && printf 'video' > "$last"
            [ \(exitStatus) -eq 0 ] || echo "Unknown encoder 'libx264'" >&2
            exit \(exitStatus)
            """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return bin.path
    }

    private let twoFrames = """
        let a = synth stripes size 6x4
        let b = synth blobs size 6x4
        save frames "out/walk.mp4" frames [a, b] fps 12
        """

    func testVideoFramesArePipedToFFmpeg() throws {
        let bin = try fakeFFmpeg()
        let outcome = try runSGS(["--seed", "1", "-c", twoFrames], in: folder, environment: ["PATH": bin + ":/usr/bin:/bin"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        // Notices may go to either stream (they are moving to stderr).
        XCTAssertTrue((outcome.output + outcome.errors).contains("wrote out/walk.mp4 (2 frames)"), outcome.output)
        XCTAssertEqual(bytes("out/walk.mp4"), Array("video".utf8))
        XCTAssertEqual(bytes("ffmpeg-stdin").count, 2 * 6 * 4 * 3, "two raw RGB frames")
        let arguments = String(decoding: bytes("ffmpeg-args"), as: UTF8.self).split(separator: "\n").map(String.init)
        for expected in ["rawvideo", "rgb24", "6x4", "12.0", "libx264", "mp4"] {
            XCTAssertTrue(arguments.contains(expected), "\(expected) in \(arguments)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out").path),
                       ["walk.mp4"], "no temporary file left")
    }

    func testFailingFFmpegIsAnErrorWithItsMessage() throws {
        let bin = try fakeFFmpeg(exitStatus: 1)
        let outcome = try runSGS(["--seed", "1", "-c", twoFrames], in: folder, environment: ["PATH": bin + ":/usr/bin:/bin"])
        XCTAssertEqual(outcome.status, 74)
        XCTAssertTrue(outcome.errors.contains("out/walk.mp4: cannot write (ffmpeg failed (exit 1): Unknown encoder 'libx264')"),
                      outcome.errors)
        XCTAssertEqual(bytes("out/walk.mp4"), [])
    }

    func testVideoWithoutFFmpegSaysSo() throws {
        let empty = folder.url.appendingPathComponent("empty-bin").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for name in ["walk.mp4", "walk.webm"] {
            let script = twoFrames.replacingOccurrences(of: "out/walk.mp4", with: name)
            let outcome = try runSGS(["--seed", "1", "-c", script], in: folder, environment: ["PATH": empty])
            XCTAssertEqual(outcome.status, 74)
            XCTAssertTrue(outcome.errors.contains("\(name): writing .\(name.split(separator: ".")[1]) needs ffmpeg, which is not installed"),
                          outcome.errors)
        }
        let other = try runSGS(["--seed", "1", "-c", twoFrames.replacingOccurrences(of: "out/walk.mp4", with: "w.png")],
                               in: folder)
        XCTAssertEqual(other.status, 74)
        XCTAssertTrue(other.errors.contains("w.png: cannot write .png animations (save frames writes .gif, .mp4, .webm"),
                      other.errors)
    }

    func testPreviewsGoToThePerUserFolderAndOldOnesAreCleanedUp() throws {
        let runtime = folder.url.appendingPathComponent("runtime")
        let previews = runtime.appendingPathComponent("sgs")
        try FileManager.default.createDirectory(at: previews, withIntermediateDirectories: true)
        let old = previews.appendingPathComponent("1-show-1.png"), recent = previews.appendingPathComponent("2-show-1.png")
        for file in [old, recent] { XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data([1]))) }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 86400)], ofItemAtPath: old.path)
        let outcome = try runSGS(["-q", "--seed", "1", "-c", "show (synth stripes size 8x8)"], in: folder,
                                 environment: ["XDG_RUNTIME_DIR": runtime.path])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let line = outcome.output.trimmingCharacters(in: .newlines)
        XCTAssertTrue(line.hasPrefix("preview: \(previews.path)/"), "the path is printed even with -q: \(outcome.output)")
        XCTAssertTrue(line.hasSuffix("-show-1.png"), line)
        let path = String(line.dropFirst("preview: ".count))
        XCTAssertEqual(Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).prefix(4), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path), "a preview older than a day is removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: recent.path), "another session's recent preview stays")
    }

    func testWithoutARuntimeFolderPreviewsGoToTmpSgsUID() throws {
        let outcome = try runSGS(["--seed", "1", "-c", "show (synth stripes size 8x8)"], in: folder,
                                 environment: ["XDG_RUNTIME_DIR": ""])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.contains("preview: /tmp/sgs-\(getuid())/"), outcome.output)
        if let range = outcome.output.range(of: "preview: ") {
            let path = outcome.output[range.upperBound...].trimmingCharacters(in: .newlines)
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    func testExampleImagesLoadByNameFromAnyFolder() throws {
        let outcome = try runSGS(["-c", "print (load \"balloons.png\")\nprint (load \"cows_paint.png\")"], in: folder)
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let results = outcome.output.split(separator: "\n").filter { $0.hasPrefix("image") }
        XCTAssertEqual(results, ["image 248x186", "image 300x200"], outcome.output)
        XCTAssertTrue((outcome.output + outcome.errors).contains("using the example image"), "the fallback is announced")
        let missing = try runSGS(["-c", "load \"no-such-photo.png\""], in: folder)
        XCTAssertEqual(missing.status, 74)
        XCTAssertTrue(missing.errors.contains("no-such-photo.png: no such file"), missing.errors)
    }

    /// With a real ffmpeg installed: the video has every frame, the rate asked for, odd sides
    /// padded to even, and the same script writes the same bytes.
    func testRealFFmpegWritesPlayableReproducibleVideo() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/ffprobe") else {
            throw XCTSkip("ffmpeg is not installed")
        }
        let script = """
            let a = synth stripes size 31x23
            let b = synth blobs size 31x23
            save frames "v.mp4" frames [a, b, a, b] fps 5
            save frames "v.webm" frames [a, b, a]
            """
        for run in 0..<2 {
            let outcome = try runSGS(["--seed", "1", "-c", script], in: folder, timeout: 60)
            XCTAssertEqual(outcome.status, 0, outcome.errors)
            if run == 0 {
                try FileManager.default.moveItem(at: folder.url.appendingPathComponent("v.mp4"),
                                                 to: folder.url.appendingPathComponent("first.mp4"))
            }
        }
        XCTAssertEqual(bytes("first.mp4"), bytes("v.mp4"), "same script, same bytes")
        for (name, codec, frames, rate) in [("v.mp4", "h264", 4, "5/1"), ("v.webm", "vp9", 3, "10/1")] {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/ffprobe")
            probe.arguments = ["-v", "error", "-count_frames", "-show_entries",
                               "stream=codec_name,width,height,nb_read_frames,r_frame_rate", "-of", "compact",
                               folder.url.appendingPathComponent(name).path]
            let pipe = Pipe()
            probe.standardOutput = pipe
            try probe.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            probe.waitUntilExit()
            for field in ["codec_name=\(codec)", "width=32", "height=24", "r_frame_rate=\(rate)", "nb_read_frames=\(frames)"] {
                XCTAssertTrue(text.contains(field), "\(name): \(field) in \(text)")
            }
        }
    }
}
