// Label maps (pix2pixHD's input) in the language: `labels` makes one from a photo or snaps a
// painting to a palette, `palette` and `boundaries` read one, `show labels` overlays it on its
// photo, and `fill` paints rectangles and masked regions to edit it. A label map is an
// ordinary image of flat colours, so crop, paste, resize, save and load work on it too; its
// palette is its colours, ordered by share (see Sources/Imaging/LabelMap.swift).
import Imaging
import Script

extension SGSSession {
    /// A far pixel is further than this (ΔE*76) from every palette colour: about a clearly
    /// visible difference, so antialiased edges of a painting count as near only when faint.
    static let farDeltaE: Float = 10

    func registerLabelCommands() {
        let table = session.table
        table.register(labelsCommand)
        table.register(Command("palette", positional: [Parameter("map", .image, "a label map (at most 256 colours)")],
            summary: "the colours of a label map, largest region first, as \"#rrggbb\" strings",
            help: "let colours = palette(map)\nlet sky = colours[0]\n\nThe order is the labels' order: by pixel share, "
                + "ties by first appearance in reading order.", topic: "labels") { arguments, _ in
            let map = try self.labelMap(arguments, "map")
            return .list(map.palette.map { .string(hexColor($0)) })
        })
        table.register(Command("boundaries", positional: [Parameter("map", .image, "a label map")],
            summary: "pix2pixHD's edge map: white where a pixel's colour differs from a 4-neighbour's",
            help: "let edges = boundaries(map)\n\nBoth sides of every border are marked; the rest is black. Colours "
                + "are compared exactly, so snap a painting first (`labels painting like map`).",
            topic: "labels") { arguments, _ in
            let map = try arguments.image("map")
            return .host(ImageValue(labelBoundaries(map.image).image, name: map.name + "_edges"))
        })
        table.register(showLabelsCommand)
        table.register(fillCommand)
        registerConditionalCommands()
    }

    private var labelsCommand: Command {
        Command("labels", positional: [Parameter("img", .image, "a photo, or a painting of flat colours")],
            keywords: [Parameter("colors", .int, default: .number(8), "how many labels k-means finds (1 to 64)"),
                       Parameter("like", .oneOf([.image, .list]), default: .none,
                                 "snap to this palette: a label map, or a list of colours")],
            summary: "a label map: k-means in CIELAB, or a painting snapped to a palette",
            help: "let map = (labels photo colors 6)\nlet edited = (labels (load \"painted.png\") like map)\n\n"
                + "K-means clusters the pixels in CIELAB (k-means++ seeded from the session's generator, at most 50 "
                + "iterations), and every label takes its pixels' mean colour, so the same seed gives the same map. "
                + "An image with fewer colours keeps exactly its own. With `like`, every pixel takes the nearest "
                + "palette colour instead, and a notice gives the share of pixels further than ΔE 10 from all of them "
                + "(stray strokes or a missing colour). See `palette`, `boundaries`, `show labels`, `fill`.",
            topic: "labels") { arguments, _ in
            let source = try arguments.image("img")
            if arguments.isGiven("like") {
                guard !arguments.isGiven("colors") else {
                    throw ScriptError(.runtime, "'labels' takes 'colors K' or 'like MAP', not both", at: arguments.location(of: "colors"))
                }
                let palette = try self.palette(arguments, "like")
                let (map, far) = snapLabels(source.image, to: palette, farDeltaE: SGSSession.farDeltaE)
                self.output.info("labels: \(formatShare(far)) of pixels are far from every palette colour (ΔE > 10)")
                return .host(ImageValue(map.image, name: source.name))
            }
            let colors = arguments.int("colors") ?? 8
            guard (1...64).contains(colors) else {
                throw ScriptError(.runtime, "'colors' must be from 1 to 64, got \(colors)", at: arguments.location(of: "colors"))
            }
            let seed = try self.withRandom { $0.next() }
            let map = clusterLabels(source.image, colors: colors, seed: seed)
            let listed = zip(map.palette, map.shares).map { "\(hexColor($0)) \(formatShare($1))" }
            self.output.info("labels: \(map.palette.count) colours: " + listed.joined(separator: ", "))
            return .host(ImageValue(map.image, name: source.name))
        }
    }

    private var showLabelsCommand: Command {
        Command("show labels", positional: [Parameter("map", .image, "a label map")],
            keywords: [Parameter("on", .image, default: .none, "the photo to overlay it on (same size)"),
                       Parameter("edges", .bool, default: .bool(true), "draw the boundaries in black"),
                       Parameter("into", .imageFile, default: .none, "write this file instead of a preview")],
            summary: "preview a label map over its photo: half blended, boundaries in black",
            help: "show labels map on photo\nshow labels map on photo into \"out/overlay.png\"\n\n"
                + "Without `on`, the map alone with its boundaries.", topic: "show", recorded: false) { arguments, _ in
            let map = try arguments.image("map").image
            let edge: Color? = arguments.bool("edges") ? Colors.black : nil
            var photo = map
            if let on = arguments.host("on", as: ImageValue.self)?.image {
                guard on.width == map.width, on.height == map.height else {
                    throw ScriptError(.runtime, "the map is \(map.width)x\(map.height) but the photo is \(on.width)x\(on.height)",
                                      at: arguments.location(of: "on"))
                }
                photo = on
            }
            try self.preview(labelOverlay(map, on: photo, edge: edge), "labels", into: arguments.string("into"))
            return .none
        }
    }

    /// The label map an image argument is, or an error when it has too many colours.
    private func labelMap(_ arguments: Arguments, _ name: String) throws -> LabelMap {
        let image = try arguments.image(name).image
        guard let map = flatLabels(image) else {
            throw ScriptError(.runtime, "'\(name)' is not a label map: it has more than 256 colours (make one with "
                              + "'labels IMG colors K', or snap a painting with 'labels IMG like MAP')", at: arguments.location(of: name))
        }
        return map
    }

    /// The palette of a `like` argument: a label map's colours or a list of colours.
    private func palette(_ arguments: Arguments, _ name: String) throws -> [SIMD3<Float>] {
        guard let items = arguments.list(name) else { return try labelMap(arguments, name).palette }
        let colours = items.compactMap(parseColor)
        guard !items.isEmpty, colours.count == items.count else {
            throw ScriptError(.runtime, "'\(name)' needs a list of colours like [\"#3a7bd5\", [20, 90, 30]], got \(arguments[name])",
                              at: arguments.location(of: name))
        }
        return colours
    }
}

/// A share as a percentage with one decimal: "3.2%".
private func formatShare(_ share: Double) -> String {
    let tenths = Int((share * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
}
