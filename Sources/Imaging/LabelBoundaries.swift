// pix2pixHD's instance edge map, and the overlay `show labels` draws. A pixel is on a
// boundary when its colour differs from one of its four neighbours' (both sides of a border
// are marked, as in pix2pixHD's get_edges); colours are compared exactly, so any image of
// flat colours works, whether `labels` made it or it was painted and snapped.

/// 1 on boundary pixels, 0 elsewhere.
public func labelBoundaries(_ image: Image) -> Mask {
    let w = image.width, h = image.height, n = image.planeSize
    var mask = Mask(width: w, height: h)
    func differ(_ i: Int, _ j: Int) -> Bool {
        image.pixels[i] != image.pixels[j] || image.pixels[n + i] != image.pixels[n + j]
            || image.pixels[2 * n + i] != image.pixels[2 * n + j]
    }
    for y in 0..<h {
        for x in 0..<w {
            let i = y * w + x
            if x + 1 < w, differ(i, i + 1) { mask.values[i] = 1; mask.values[i + 1] = 1 }
            if y + 1 < h, differ(i, i + w) { mask.values[i] = 1; mask.values[i + w] = 1 }
        }
    }
    return mask
}

/// The map blended over its photo (`opacity` of the map), with the boundaries drawn in
/// `edge` colour when given. The two must have one size.
public func labelOverlay(_ map: Image, on photo: Image, opacity: Float = 0.5, edge: Color? = Colors.black) -> Image {
    precondition(map.width == photo.width && map.height == photo.height, "labelOverlay needs one size")
    var out = photo
    for i in 0..<out.pixels.count { out.pixels[i] = opacity * map.pixels[i] + (1 - opacity) * photo.pixels[i] }
    guard let edge else { return out }
    let boundaries = labelBoundaries(map)
    for y in 0..<map.height {
        for x in 0..<map.width where boundaries[x: x, y: y] > 0 { out.set(x: x, y: y, edge) }
    }
    return out
}
