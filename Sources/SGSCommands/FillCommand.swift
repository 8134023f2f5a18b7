// `fill`: paint a rectangle, or the white of a mask, in one colour: the drawing primitive for
// editing label maps (widen the sky, add a pond) beside crop, paste and mask.
import Imaging
import Script

extension SGSSession {
    var fillCommand: Command {
        Command("fill", positional: [Parameter("img", .image, "the image to paint on")],
            keywords: [Parameter("rect", .size, default: .none, "the rectangle WxH+X+Y (clipped to the image)"),
                       Parameter("where", .image, default: .none, "paint where this mask is white (first channel > 0.5)"),
                       Parameter("color", .any, "the colour: \"#rrggbb\" or [R, G, B] from 0 to 255")],
            summary: "paint a rectangle or a masked region in one colour",
            help: "let wider = (fill map rect 40x12+0+30 color \"#87ceeb\")\n"
                + "let pond = (fill map where (mask paint threshold 0.5) color (palette map)[2])\n\n"
                + "With both `rect` and `where`, only the part of the mask inside the rectangle is painted; with "
                + "neither, the whole image. "
                + "The mask must have the image's size. The result is a new image; the input is unchanged.",
            topic: "labels") { arguments, _ in
            let source = try arguments.image("img")
            let color = try arguments.color("color")
            var region = try self.fillRectangle(arguments, source.image)
            if let maskImage = arguments.host("where", as: ImageValue.self)?.image {
                guard maskImage.width == source.image.width, maskImage.height == source.image.height else {
                    throw ScriptError(.runtime, "the mask is \(maskImage.width)x\(maskImage.height) but the image is "
                                      + "\(source.image.width)x\(source.image.height)", at: arguments.location(of: "where"))
                }
                let mask = Mask(channel: 0, of: maskImage)
                region = region.filter { mask[x: $0.x, y: $0.y] > 0.5 }
            }
            var out = source.image
            for p in region { out.set(x: p.x, y: p.y, (color.x, color.y, color.z)) }
            return .host(ImageValue(out, name: source.name))
        }
    }

    /// The pixels of `rect` inside the image (the whole image when no rect is given).
    private func fillRectangle(_ arguments: Arguments, _ image: Image) throws -> [(x: Int, y: Int)] {
        var x = 0, y = 0, width = image.width, height = image.height
        if arguments.isGiven("rect") {
            (width, height) = try pixelSize(arguments, "rect", reference: (image.width, image.height), allowOffset: true)
            (x, y) = geometryOffset(arguments, "rect") ?? (0, 0)
        }
        let columns = max(0, x)..<max(max(0, x), min(image.width, x + width))
        let rows = max(0, y)..<max(max(0, y), min(image.height, y + height))
        return rows.flatMap { row in columns.map { (x: $0, y: row) } }
    }
}
