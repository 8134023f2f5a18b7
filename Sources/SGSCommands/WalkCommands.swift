// walk z: a random walk in noise space, its frames kept in the session; save frames
// writes them as an animated GIF or as numbered PNGs in a folder.
import Imaging
import Script
import SinGAN

extension SGSSession {
    /// Frames are kept in memory: 3000 (five minutes at 10 fps) of 250x188 take 1.7 GB.
    static let maximumFrames = 3000

    func registerWalkCommands() {
        registerFrameCommands()
        let table = session.table
        table.register(Command("walk z",
            keywords: [Parameter("steps", .int, default: .number(1), "frames to add"),
                       Parameter("alpha", .number, default: .none, shown: "0.1 (or the walk's)",
                                 "pull back to the reconstruction noise").within(0...1),
                       Parameter("beta", .number, default: .none, shown: "0.9 (or the walk's)",
                                 "momentum: how smooth the motion is").within(0...1),
                       Parameter("from", .scale, default: .none, "walk from this scale down (default n)"),
                       Parameter("into", .animationFile, default: .none, "write every frame so far (.gif, .mp4, .webm or a folder)")],
            summary: "random walk in noise space from the reconstruction noise, one frame per step",
            help: "walk z steps 60 alpha 0.1 beta 0.9 into \"out/walk.gif\"\nwalk z\n\n"
                + "The frames stay in the session: a later `walk z` continues the walk and adds frames, "
                + "unless alpha, beta or from change, which starts a new walk. `save frames` writes them. "
                + "Returns the frames so far.", topic: "generate") { arguments, interpreter in
            try self.walk(arguments, interpreter)
        })
        table.register(Command("save frames", positional: [Parameter("file", .animationFile, "a .gif, .mp4 or .webm, or a folder")],
            keywords: [Parameter("frames", .oneOf([.frames, .list]), default: .none, "frames or a list of images (default: the walk's)"),
                       Parameter("fps", .number, default: .none, "frames per second of the GIF (default: the setting fps)")],
            summary: "write the walk's frames as an animated GIF, a video, or PNGs into a folder",
            help: "save frames \"out/walk.gif\"\nsave frames \"out/walk.mp4\"\nsave frames \"out/walk/\"\n\nA name ending "
                + "in `/` or without an extension is a folder: frame-0000.png, frame-0001.png, ... are written into it "
                + "(created if missing). .mp4 (H.264) and .webm (VP9) are encoded by ffmpeg, when it is installed. "
                + "Other names are refused. Animations play at the setting fps.", topic: "generate") { arguments, _ in
            let path = arguments["file"].printed
            let images = try self.frameImages(arguments["frames"], at: arguments.location(of: "frames"))
            try self.write(images, to: path, fps: arguments.number("fps"))
            return .none
        })
    }

    private func walk(_ arguments: Arguments, _ interpreter: Interpreter) throws -> Value {
        let model = try currentModel()
        let steps = arguments.int("steps") ?? 1
        guard (0...SGSSession.maximumFrames).contains(steps) else {
            throw ScriptError(.runtime, "'steps' must be from 0 to \(SGSSession.maximumFrames), got \(steps)",
                              at: arguments.location(of: "steps"))
        }
        let alpha = arguments.number("alpha").map(Float.init) ?? walk?.alpha ?? 0.1
        let beta = arguments.number("beta").map(Float.init) ?? walk?.beta ?? 0.9
        let start = arguments.int("from") ?? walk?.start ?? model.coarsest
        let current: NoiseWalk
        if let walk, walk.model === model, walk.alpha == alpha, walk.beta == beta, walk.start == start {
            current = walk
        } else {
            if let walk, walk.model === model, !frames.isEmpty {
                output.info("walk z: \(restartReason(walk, alpha: alpha, beta: beta, start: start)) changed, so a new walk starts "
                            + "(the \(frames.count) frames so far are dropped; keep them with 'let f = frames' first)")
            }
            current = try generating {
                try withRandom { try NoiseWalk(model: model, alpha: alpha, beta: beta, from: start, using: &$0) }
            }
            walk = current
            frames = []
        }
        guard frames.count + steps <= SGSSession.maximumFrames else {
            throw ScriptError(.runtime, "a walk keeps at most \(SGSSession.maximumFrames) frames (it has \(frames.count)); "
                              + "save them and start a new walk with other alpha, beta or from", at: arguments.location(of: "steps"))
        }
        for _ in 0..<steps {
            try interpreter.interrupt.check()
            frames.append(try withRandom { current.nextFrame(using: &$0) })
        }
        if let path = arguments.string("into") { try write(frames, to: path) }
        return .host(FramesValue(frames))
    }

    /// "alpha", "alpha and beta": what made `walk z` start over.
    private func restartReason(_ walk: NoiseWalk, alpha: Float, beta: Float, start: Int) -> String {
        let changed = [walk.alpha != alpha ? "alpha" : nil, walk.beta != beta ? "beta" : nil, walk.start != start ? "from" : nil]
        return changed.compactMap { $0 }.joined(separator: " and ")
    }

    /// The images of a `frames` argument, or the session's walk.
    private func frameImages(_ value: Value, at location: SourceLocation) throws -> [Image] {
        switch value {
        case .host(let given as FramesValue): return given.frames
        case .list(let items):
            return try items.map { item in
                guard case .host(let image as ImageValue) = item else {
                    throw ScriptError(.runtime, "'frames' expects images in the list, got \(item.typeWithArticle)", at: location)
                }
                return image.image
            }
        default:
            guard !frames.isEmpty else { throw ScriptError.runtime("no frames yet (make some with 'walk z steps 30')") }
            return frames
        }
    }

    /// A GIF, an MP4 or WebM video (through ffmpeg), or frame-NNNN.png files when `path`
    /// is a folder; any other name is refused before anything is written.
    func write(_ images: [Image], to path: String, fps: Double? = nil) throws {
        guard !images.isEmpty else { throw ScriptError.runtime("\(path): no frames to write") }
        if isFolderPath(path) {
            let written = try withFile(path) { try writeFrames(images, toFolder: path) }
            output.info(wroteMessage(written))
            return
        }
        let ffmpeg = try animationEncoder(for: path)
        let fps = fps ?? settings.number("fps") ?? 10
        guard fps > 0, fps <= 100 else { throw ScriptError.runtime("fps must be between 0 and 100 (got \(formatNumber(fps)))") }
        try withFile(path) {
            try makeParentFolder(of: path)
            if let ffmpeg { try writeVideo(images, to: path, fps: fps, ffmpeg: ffmpeg) } else { try writeGIF(images, to: path, fps: fps) }
        }
        output.info("wrote \(path) (\(images.count) \(images.count == 1 ? "frame" : "frames"))")
    }

    /// Nil for a GIF, ffmpeg's path for a video; an error for names sgs cannot write.
    private func animationEncoder(for path: String) throws -> String? {
        let formats = "save frames writes .gif, .mp4, .webm (through ffmpeg), or PNGs into a folder ending in /"
        if fileExtension(path) == "gif" { return nil }
        guard VideoFormat(path: path) != nil else {
            throw ScriptError.io("\(path): cannot write .\(fileExtension(path)) animations (\(formats))")
        }
        guard let ffmpeg = findFFmpeg() else {
            throw ScriptError.io("\(path): writing .\(fileExtension(path)) needs ffmpeg, which is not installed "
                                 + "(apt-get install ffmpeg), or write a .gif or a folder of PNGs instead")
        }
        return ffmpeg
    }
}
