// ImageMagick geometry, where a size is taken: `64x48` (or `64X48`), `50%` or `50x25%`,
// `64x` and `x48` (the other side keeps the aspect), `64x48!` (exactly that) and
// `64x48+10+20` (a crop's size and offset). A plain `64x48` is the language's `size`
// value; the other forms are `geometry` values, which print as written.

public struct Geometry: Hashable, Sendable, CustomStringConvertible {
    /// Nil when left out (`x48` has no width); percentages when `percent`.
    public var width: Double?
    public var height: Double?
    public var percent = false
    /// `!`: exactly this size, even where a plain size would keep the aspect.
    public var exact = false
    /// `+X+Y`: the top-left corner of a crop.
    public var offset: (x: Int, y: Int)?

    public init(width: Double?, height: Double?, percent: Bool = false, exact: Bool = false,
                offset: (x: Int, y: Int)? = nil) {
        self.width = width
        self.height = height
        self.percent = percent
        self.exact = exact
        self.offset = offset
    }

    public static func == (a: Geometry, b: Geometry) -> Bool {
        a.width == b.width && a.height == b.height && a.percent == b.percent && a.exact == b.exact
            && a.offset?.x == b.offset?.x && a.offset?.y == b.offset?.y
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    public var description: String {
        let sides: String
        if percent, width == height, let w = width {
            sides = formatNumber(w)
        } else {
            sides = (width.map(formatNumber) ?? "") + "x" + (height.map(formatNumber) ?? "")
        }
        return sides + (percent ? "%" : "") + (exact ? "!" : "") + (offset.map { "+\($0.x)+\($0.y)" } ?? "")
    }

    /// Both sides given in pixels, no percent, no offset: the same as a plain size.
    public var isPlain: Bool { width != nil && height != nil && !percent && offset == nil }

    /// The size in pixels against an image of `reference` size. `keepAspect` is ImageMagick's
    /// `-resize` rule: a plain WxH fits inside that box, keeping the aspect, unless `!`.
    /// Nil when a side is relative and there is no reference.
    public func pixels(reference: (width: Int, height: Int)?, keepAspect: Bool) -> (width: Double, height: Double)? {
        if percent {
            guard let reference, let w = width, let h = height else { return nil }
            return (max(1, (Double(reference.width) * w / 100).rounded()), max(1, (Double(reference.height) * h / 100).rounded()))
        }
        switch (width, height) {
        case (let w?, let h?):
            guard keepAspect, !exact, let reference else { return (w, h) }
            let scale = min(w / Double(reference.width), h / Double(reference.height))
            let fitted = (width: (Double(reference.width) * scale).rounded(), height: (Double(reference.height) * scale).rounded())
            // The constraining side is exactly as asked.
            return w / Double(reference.width) <= h / Double(reference.height)
                ? (w, max(1, min(h, fitted.height))) : (max(1, min(w, fitted.width)), h)
        case (let w?, nil):
            guard let reference else { return nil }
            return (w, max(1, (Double(reference.height) * w / Double(reference.width)).rounded()))
        case (nil, let h?):
            guard let reference else { return nil }
            return (max(1, (Double(reference.width) * h / Double(reference.height)).rounded()), h)
        case (nil, nil):
            return nil
        }
    }
}

extension Value {
    /// A size or geometry value as a geometry; nil for other values.
    public var geometry: Geometry? {
        switch self {
        case .size(let width, let height): return Geometry(width: width, height: height)
        case .geometry(let geometry): return geometry
        default: return nil
        }
    }
}
