// Label maps at other sizes and in other orientations, and how closely an image follows one.
// A map is resized by nearest neighbour, never interpolated, so every pixel keeps a label
// of the palette (a conditional model sees its map at each scale this way).

extension LabelMap {
    /// A map from its label numbers (row-major, each below `palette.count`), as a model file stores it.
    public init(labels: [Int], width: Int, height: Int, palette: [SIMD3<Float>]) {
        precondition(labels.count == width * height && labels.allSatisfy { (0..<palette.count).contains($0) }, "labels of another map")
        self.init(width: width, height: height, labels: labels, palette: palette)
    }

    /// The map at `width x height`: each output pixel takes the label under its centre.
    public func resized(width w: Int, height h: Int) -> LabelMap {
        precondition(w > 0 && h > 0, "resize a label map to \(w)x\(h)")
        let xs = (0..<w).map { min(width - 1, Int((Double($0) + 0.5) * Double(width) / Double(w))) }
        let ys = (0..<h).map { min(height - 1, Int((Double($0) + 0.5) * Double(height) / Double(h))) }
        var out = [Int](repeating: 0, count: w * h)
        for (y, sy) in ys.enumerated() {
            for (x, sx) in xs.enumerated() { out[y * w + x] = labels[sy * width + sx] }
        }
        return LabelMap(width: w, height: h, labels: out, palette: palette)
    }

    /// 1 where a pixel's label differs from a 4-neighbour's (both sides of a border), as
    /// `labelBoundaries` finds on the map's image.
    public var boundaries: Mask { labelBoundaries(image) }
}

/// The share of `image`'s pixels whose nearest colour of `map`'s palette (in CIELAB, as
/// `labels IMG like MAP` snaps them) is the label the map has there: the layout fidelity of
/// an image made from the map. The two must have one size.
public func labelFidelity(_ image: Image, to map: LabelMap) -> Double {
    precondition(image.width == map.width && image.height == map.height, "labelFidelity needs one size")
    let snapped = snapLabels(image, to: map.palette).map
    let matching = zip(snapped.labels, map.labels).filter { $0 == $1 }.count
    return Double(matching) / Double(max(1, map.labels.count))
}
