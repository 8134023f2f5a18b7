// Cutting a rectangle out of an image.

/// The `width x height` rectangle whose top-left corner is (`x`, `y`).
/// Parts outside the source are filled with `fill` (0, mid-gray), or, with `extendEdges`,
/// with the nearest edge pixel. Negative sizes give an empty image.
public func crop(_ image: Image, x: Int, y: Int, width: Int, height: Int,
                 fill: Float = 0, extendEdges: Bool = false) -> Image {
    var out = Image(width: width, height: height, fill: fill)
    guard !out.isEmpty, !image.isEmpty else { return out }
    let ow = out.width, oh = out.height, iw = image.width, ih = image.height
    image.pixels.withUnsafeBufferPointer { src in
        out.pixels.withUnsafeMutableBufferPointer { dst in
            for c in 0..<Image.channels {
                for oy in 0..<oh {
                    var sy = y + oy
                    if sy < 0 || sy >= ih {
                        guard extendEdges else { continue }
                        sy = min(max(sy, 0), ih - 1)
                    }
                    for ox in 0..<ow {
                        var sx = x + ox
                        if sx < 0 || sx >= iw {
                            guard extendEdges else { continue }
                            sx = min(max(sx, 0), iw - 1)
                        }
                        dst[(c * oh + oy) * ow + ox] = src[(c * ih + sy) * iw + sx]
                    }
                }
            }
        }
    }
    return out
}
