// Editing frames: join, reverse, boomerang, drop. Each takes frames (or a list of images)
// and returns new frames; without one it edits the walk's frames in the session, so a
// following `save frames` writes the edited animation. Indexing (`f[i]`, `f[a..b]`) and
// `+` come from FramesValue being a HostSequence.
import Imaging
import Script

extension SGSSession {
    func registerFrameCommands() {
        let table = session.table
        table.register(Command("frames", positional: [.variadic("parts", .any, "frames, images or lists of images")],
            summary: "frames made of frames, images or lists of images, joined in order",
            help: "let f = (walk z steps 20)\nlet g = frames f + f[0..4]\nlet h = frames [photo, photo]\n\n"
                + "`frames` alone is the walk's frames. All frames must have one size. `a + b` joins frames too.",
            topic: "frames") { arguments, _ in
            guard case .list(let parts) = arguments["parts"], !parts.isEmpty else { return .host(try self.walkFrames()) }
            var images: [Image] = []
            for part in parts {
                guard let more = FramesValue.images(part) else {
                    throw ScriptError(.runtime, "'frames' joins frames, images and lists of images, not \(part.typeWithArticle)",
                                      at: arguments.location(of: "parts"))
                }
                images += more
            }
            return .host(try FramesValue.checked(images))
        })
        table.register(frameEdit("reverse", "the frames in reverse order", "let back = reverse f\nreverse") {
            Array($0.reversed())
        })
        table.register(frameEdit("boomerang", "the frames forwards then backwards, a seamless loop",
                                 "save frames \"loop.gif\" frames (boomerang f)\n\nThe last frame and the first are "
                                     + "not repeated: 0 1 2 3 becomes 0 1 2 3 2 1, which loops without a stutter.") { frames in
            frames.count < 3 ? frames : frames + frames[1..<(frames.count - 1)].reversed()
        })
        table.register(Command("drop", positional: [Parameter("f", .oneOf([.frames, .list]), default: .none, "frames (default: the walk's)")],
            keywords: [Parameter("first", .int, default: .none, "frames to drop at the start"),
                       Parameter("last", .int, default: .none, "frames to drop at the end")],
            summary: "frames without the first or last N",
            help: "drop last 2\nlet g = drop f first 1 last 1\n\nWithout frames it trims the walk's frames, so "
                + "`save frames` writes the trimmed animation.", topic: "frames") { arguments, _ in
            let first = try self.dropCount(arguments, "first"), last = try self.dropCount(arguments, "last")
            guard arguments.isGiven("first") || arguments.isGiven("last") else {
                throw ScriptError(.runtime, "'drop' needs 'first N' or 'last N'", at: arguments.location)
            }
            return try self.editFrames(arguments) { frames in
                guard first + last < frames.count else {
                    throw ScriptError(.runtime, "cannot drop \(first + last) of \(frames.count) frames (at least one must stay)",
                                      at: arguments.location(of: last > 0 ? "last" : "first"))
                }
                return Array(frames[first..<(frames.count - last)])
            }
        })
    }

    /// A command that maps frames to frames.
    private func frameEdit(_ name: String, _ summary: String, _ help: String,
                           _ edit: @escaping ([Image]) -> [Image]) -> Command {
        Command(name, positional: [Parameter("f", .oneOf([.frames, .list]), default: .none, "frames (default: the walk's)")],
                summary: summary, help: help + "\n\nWithout frames it edits the walk's frames, which `save frames` writes.",
                topic: "frames") { arguments, _ in
            try self.editFrames(arguments) { edit($0) }
        }
    }

    /// Applies `edit` to the argument `f`, or to the walk's frames, which it then replaces.
    private func editFrames(_ arguments: Arguments, _ edit: ([Image]) throws -> [Image]) throws -> Value {
        let given = arguments["f"]
        if given.isNone {
            let edited = try edit(try walkFrames().frames)
            frames = edited
            return .host(FramesValue(edited))
        }
        guard let images = FramesValue.images(given), !images.isEmpty else {
            throw ScriptError(.runtime, "'\(arguments.command)' expects frames or a list of images, got \(given.typeWithArticle)",
                              at: arguments.location(of: "f"))
        }
        return .host(try FramesValue.checked(try edit(images)))
    }

    private func walkFrames() throws -> FramesValue {
        guard !frames.isEmpty else { throw ScriptError.runtime("no frames yet (make some with 'walk z steps 30')") }
        return FramesValue(frames)
    }

    private func dropCount(_ arguments: Arguments, _ name: String) throws -> Int {
        let count = arguments.int(name) ?? 0
        guard count >= 0 else {
            throw ScriptError(.runtime, "'\(name)' must be 0 or more, got \(count)", at: arguments.location(of: name))
        }
        return count
    }
}
