// Label maps, pix2pixHD's input: an image of flat colours, one colour per label. A map is
// made from a photo by k-means in CIELAB, or from a painting by snapping every pixel to the
// nearest colour of a palette. Palette colours are on the 8-bit grid, so a map saved as PNG
// and loaded again is the same map; the palette is ordered by pixel share (label 0 is the
// largest region), ties by first appearance.

/// Every pixel's label (row-major) and the colour of each label, in [-1, 1] RGB.
public struct LabelMap: Sendable {
    public var width: Int
    public var height: Int
    public var labels: [Int]
    public var palette: [SIMD3<Float>]

    /// The map as an image of flat colours.
    public var image: Image {
        var out = Image(width: width, height: height)
        let n = width * height
        for (i, label) in labels.enumerated() {
            let c = palette[label]
            out.pixels[i] = c.x; out.pixels[n + i] = c.y; out.pixels[2 * n + i] = c.z
        }
        return out
    }

    /// Each label's share of the pixels, in palette order.
    public var shares: [Double] {
        var counts = [Int](repeating: 0, count: palette.count)
        for label in labels { counts[label] += 1 }
        return counts.map { Double($0) / Double(max(1, labels.count)) }
    }
}

/// A label map of `image` with at most `colors` labels (fewer when the image has fewer
/// colours): k-means in CIELAB, each label coloured with its pixels' mean RGB.
public func clusterLabels(_ image: Image, colors: Int, seed: UInt64, maxIterations: Int = 50) -> LabelMap {
    let k = min(max(1, colors), distinctColors(image, limit: colors)?.count ?? colors)
    let clusters = kMeans(labPixels(image), k: k, seed: seed, maxIterations: maxIterations)
    var sums = [SIMD3<Double>](repeating: .zero, count: clusters.centers.count)
    var counts = [Int](repeating: 0, count: clusters.centers.count)
    let n = image.planeSize
    for (i, label) in clusters.labels.enumerated() {
        sums[label] += SIMD3<Double>(Double(image.pixels[i]), Double(image.pixels[n + i]), Double(image.pixels[2 * n + i]))
        counts[label] += 1
    }
    let colours = zip(sums, counts).map { sum, count in onByteGrid(sum / Double(max(1, count))) }
    let clustered = LabelMap(width: image.width, height: image.height, labels: clusters.labels, palette: colours)
    // Read back from the flat image, so two clusters whose colours round alike become one
    // label and the order is exactly what `flatLabels` (`palette` in the language) gives.
    return flatLabels(clustered.image, limit: colours.count) ?? ordered(clustered)
}

/// `image` snapped to the nearest (in CIELAB) colour of `palette`, and the share of pixels
/// more than `farDeltaE` from every palette colour: a painting's stray strokes.
public func snapLabels(_ image: Image, to palette: [SIMD3<Float>], farDeltaE: Float = 10) -> (map: LabelMap, farShare: Double) {
    let colours = palette.map(onByteGrid)
    let labs = colours.map { labColor($0.x, $0.y, $0.z) }
    var far = 0
    let labels = labPixels(image).map { p -> Int in
        let label = closestCenter(p, labs)
        if distance2(p, labs[label]) > farDeltaE * farDeltaE { far += 1 }
        return label
    }
    let map = LabelMap(width: image.width, height: image.height, labels: labels, palette: colours)
    return (map, Double(far) / Double(max(1, labels.count)))
}

/// The image's distinct colours in order of first appearance, or nil when there are more
/// than `limit`: the palette of an image that already is a label map.
public func distinctColors(_ image: Image, limit: Int) -> [SIMD3<Float>]? {
    let n = image.planeSize
    var seen = Set<SIMD3<Float>>(), colours: [SIMD3<Float>] = []
    for i in 0..<n {
        let c = SIMD3<Float>(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i])
        if seen.insert(c).inserted {
            colours.append(c)
            if colours.count > limit { return nil }
        }
    }
    return colours
}

/// The label map an image of at most `limit` flat colours already is (palette ordered by
/// share), or nil when it has more colours.
public func flatLabels(_ image: Image, limit: Int = 256) -> LabelMap? {
    guard let colours = distinctColors(image, limit: limit) else { return nil }
    var index = [SIMD3<Float>: Int]()
    for (i, c) in colours.enumerated() { index[c] = i }
    let n = image.planeSize
    let labels = (0..<n).map { i in index[SIMD3<Float>(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i])] ?? 0 }
    return ordered(LabelMap(width: image.width, height: image.height, labels: labels, palette: colours))
}

/// The map with its palette sorted by pixel count (largest first, stable) and labels renumbered;
/// labels with no pixels are dropped.
func ordered(_ map: LabelMap) -> LabelMap {
    var counts = [Int](repeating: 0, count: map.palette.count)
    for label in map.labels { counts[label] += 1 }
    let order = map.palette.indices.filter { counts[$0] > 0 }.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
    var renumber = [Int](repeating: 0, count: map.palette.count)
    for (new, old) in order.enumerated() { renumber[old] = new }
    return LabelMap(width: map.width, height: map.height, labels: map.labels.map { renumber[$0] },
                    palette: order.map { map.palette[$0] })
}

/// A colour rounded to the nearest 8-bit level per channel.
func onByteGrid(_ c: SIMD3<Double>) -> SIMD3<Float> {
    onByteGrid(SIMD3<Float>(Float(c.x), Float(c.y), Float(c.z)))
}

func onByteGrid(_ c: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3<Float>(Image.fromByte(Image.toByte(c.x)), Image.fromByte(Image.toByte(c.y)), Image.fromByte(Image.toByte(c.z)))
}
