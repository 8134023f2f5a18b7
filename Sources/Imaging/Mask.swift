// Masks for harmonization and editing: one channel in [0, 1], with the reference's recipe
// (functions.py `dilate_mask`): any nonzero pixel of channel 0 is foreground, binary
// dilation by a disk, Gaussian blur (sigma 5), min-max normalisation.

/// A one-channel image with values in [0, 1] (1 = foreground), row-major.
public struct Mask: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var values: [Float]

    public init(width: Int, height: Int, fill: Float = 0) {
        self.width = max(0, width)
        self.height = max(0, height)
        values = [Float](repeating: fill, count: self.width * self.height)
    }

    /// Wraps existing values; the count must be `width * height` (a programming error otherwise).
    public init(width: Int, height: Int, values: [Float]) {
        precondition(width >= 0 && height >= 0 && values.count == width * height,
                     "Mask(width: \(width), height: \(height)) needs \(width * height) values, got \(values.count)")
        self.width = width
        self.height = height
        self.values = values
    }

    /// One channel of an image, mapped from [-1, 1] to [0, 1].
    public init(channel c: Int, of image: Image) {
        self.init(width: image.width, height: image.height, values: image.plane(min(max(c, 0), 2)).map { ($0 + 1) / 2 })
    }

    public subscript(x x: Int, y y: Int) -> Float {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }

    /// The mask as a gray image in [-1, 1] (0 black, 1 white), e.g. to save it.
    public var image: Image {
        let plane = values.map { $0 * 2 - 1 }
        return Image(width: width, height: height, pixels: plane + plane + plane)
    }

    /// The mask repeated over three channels, still in [0, 1], for `blend(_:_:rgbMask:)`.
    public var rgb: Image { Image(width: width, height: height, pixels: values + values + values) }
}

/// Foreground where channel `c` of the image, mapped to [0, 1], is above `level`. The default
/// level 0 makes every nonzero pixel foreground, as the reference does.
public func threshold(_ image: Image, channel c: Int = 0, above level: Float = 0) -> Mask {
    let source = Mask(channel: c, of: image)
    return Mask(width: source.width, height: source.height, values: source.values.map { $0 > level ? 1 : 0 })
}

/// Binary dilation by a disk of `radius` (skimage `disk(r)`: offsets with dx^2 + dy^2 <= r^2).
/// Any value above 0.5 counts as foreground; the result is 0 or 1.
public func dilate(_ mask: Mask, radius: Int) -> Mask {
    let r = max(0, radius), w = mask.width, h = mask.height
    // For each row offset dy, the disk spans |dx| <= reach[dy].
    let reach = (0...r).map { dy -> Int in
        var dx = 0
        while (dx + 1) * (dx + 1) + dy * dy <= r * r { dx += 1 }
        return dx
    }
    var out = Mask(width: w, height: h)
    mask.values.withUnsafeBufferPointer { src in
        out.values.withUnsafeMutableBufferPointer { dst in
            for y in 0..<h { for x in 0..<w where src[y * w + x] > 0.5 {
                // Stamp the disk around every foreground pixel.
                for dy in -r...r {
                    let yy = y + dy
                    guard yy >= 0 && yy < h else { continue }
                    let span = reach[abs(dy)]
                    for xx in max(0, x - span)...min(w - 1, x + span) { dst[yy * w + xx] = 1 }
                }
            } }
        }
    }
    return out
}

/// Stretches the values to span [0, 1]. A constant mask has no range to stretch: it comes
/// back as all 1 if its value is positive, else all 0 (the reference would divide by zero).
public func normalizeMinMax(_ mask: Mask) -> Mask {
    guard let low = mask.values.min(), let high = mask.values.max() else { return mask }
    var out = mask
    if high > low {
        let range = high - low
        for i in 0..<out.values.count { out.values[i] = (out.values[i] - low) / range }
    } else {
        for i in 0..<out.values.count { out.values[i] = high > 0 ? 1 : 0 }
    }
    return out
}

/// The reference's soft mask: foreground = nonzero channel 0, dilated by `radius` (7 for
/// harmonization, 20 for editing), blurred with `sigma` (5), normalised to [0, 1].
public func softMask(from image: Image, radius: Int, sigma: Double = 5) -> Mask {
    normalizeMinMax(gaussianBlur(dilate(threshold(image), radius: radius), sigma: sigma))
}
