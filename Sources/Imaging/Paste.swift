// Putting one image onto another, and mixing two through a mask.

/// `image` pasted onto `background` with its top-left corner at (`x`, `y`); whatever falls
/// outside the background is clipped away. The result has the background's size.
public func paste(_ image: Image, onto background: Image, x: Int, y: Int) -> Image {
    var out = background
    let x0 = max(0, x), y0 = max(0, y)
    let x1 = min(background.width, x + image.width), y1 = min(background.height, y + image.height)
    guard x0 < x1, y0 < y1 else { return out }
    let bw = background.width, bh = background.height, iw = image.width, ih = image.height
    image.pixels.withUnsafeBufferPointer { src in
        out.pixels.withUnsafeMutableBufferPointer { dst in
            for c in 0..<Image.channels {
                for by in y0..<y1 {
                    let srcRow = (c * ih + (by - y)) * iw - x, dstRow = (c * bh + by) * bw
                    for bx in x0..<x1 { dst[dstRow + bx] = src[srcRow + bx] }
                }
            }
        }
    }
    return out
}

/// Per pixel `m * a + (1 - m) * b` with a one-channel mask in [0, 1] (1 takes `a`).
/// Sizes must agree; a mismatch is an error rather than a guess at an alignment.
public func blend(_ a: Image, _ b: Image, mask: Mask) throws -> Image {
    try checkBlendSizes(a, b, mask.width, mask.height)
    var out = b
    let plane = a.planeSize
    a.pixels.withUnsafeBufferPointer { pa in
        mask.values.withUnsafeBufferPointer { m in
            out.pixels.withUnsafeMutableBufferPointer { o in
                for c in 0..<Image.channels {
                    for i in 0..<plane {
                        let k = c * plane + i
                        o[k] = m[i] * pa[k] + (1 - m[i]) * o[k]
                    }
                }
            }
        }
    }
    return out
}

/// The same with a three-channel mask given as an `Image` whose values are already in
/// [0, 1] per channel (not the [-1, 1] image space), e.g. a mask broadcast to RGB.
public func blend(_ a: Image, _ b: Image, rgbMask mask: Image) throws -> Image {
    try checkBlendSizes(a, b, mask.width, mask.height)
    var out = b
    a.pixels.withUnsafeBufferPointer { pa in
        mask.pixels.withUnsafeBufferPointer { m in
            out.pixels.withUnsafeMutableBufferPointer { o in
                for k in 0..<o.count { o[k] = m[k] * pa[k] + (1 - m[k]) * o[k] }
            }
        }
    }
    return out
}

private func checkBlendSizes(_ a: Image, _ b: Image, _ maskWidth: Int, _ maskHeight: Int) throws {
    guard a.width == b.width, a.height == b.height, maskWidth == a.width, maskHeight == a.height else {
        throw ImagingError(path: "blend", reason: .invalidArgument(
            "sizes differ: \(a.width) x \(a.height), \(b.width) x \(b.height) and mask \(maskWidth) x \(maskHeight)"))
    }
}
