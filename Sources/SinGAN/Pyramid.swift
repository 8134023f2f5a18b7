import Glibc
import Imaging

/// How a pyramid's sizes are computed: the reference's random-sample pyramid, or the
/// super-resolution pyramid whose factor is exactly 1/step (Applications/SuperResolutionPlan).
public enum PyramidKind: String, Sendable {
    case standard
    case superResolution = "superres"
    /// ConSinGAN's rescaled pyramid (ConSinGAN/StagePyramid.swift).
    case consingan
}

/// The sizes of every scale, computed exactly as the reference does (docs/singan.md),
/// in float64 so that ceil lands where it lands there (188 x 0.79918^9 = 25.00000000000001 -> 26).
///
/// Scales are numbered as in the paper: 0 is the finest, `coarsest` the coarsest.
public struct PyramidGeometry: Equatable, Sendable {
    /// The source image size and the size it is trained at (after the max-side limit).
    public let sourceWidth: Int, sourceHeight: Int
    public let width: Int, height: Int
    /// The factor the source is resized by to respect the max side (1 when it is small enough).
    public let fit: Double
    /// The factor between neighbouring scales, fitted to the image.
    public let scaleFactor: Double
    /// (width, height) per scale, index 0 = finest.
    public let sizes: [(width: Int, height: Int)]

    /// Which formula gave these sizes (saved with models, so loading recomputes the same).
    public var kind: PyramidKind = .standard

    /// The pyramid of `kind` for a source of `width x height`.
    public static func make(_ kind: PyramidKind, width: Int, height: Int, settings: Settings) throws -> PyramidGeometry {
        switch kind {
        case .standard: try PyramidGeometry(width: width, height: height, settings: settings)
        case .superResolution: try PyramidGeometry(superResolutionOf: width, height, settings: settings)
        case .consingan: try PyramidGeometry(consinganOf: width, height, settings: settings)
        }
    }

    public var coarsest: Int { sizes.count - 1 }
    public var count: Int { sizes.count }

    public static func == (a: Self, b: Self) -> Bool {
        a.kind == b.kind && a.sourceWidth == b.sourceWidth && a.sourceHeight == b.sourceHeight && a.scaleFactor == b.scaleFactor
            && a.sizes.map { [$0.width, $0.height] } == b.sizes.map { [$0.width, $0.height] }
    }

    public init(width w: Int, height h: Int, settings s: Settings) throws {
        guard w > 0, h > 0 else { throw UserError("the image is empty (\(w)x\(h))") }
        guard s.minSize > 0, s.maxSize >= s.minSize, s.scaleFactor > 0, s.scaleFactor < 1 else {
            throw UserError("pyramid settings need 0 < min <= max and 0 < scale < 1 (min \(s.minSize), max \(s.maxSize), scale \(s.scaleFactor))")
        }
        let r0 = s.scaleFactor, shorter = Double(min(w, h)), longer = Double(max(w, h))
        let fit = min(Double(s.maxSize) / longer, 1)   // scale1
        let width = Int(ceil(Double(w) * fit)), height = Int(ceil(Double(h) * fit))
        guard min(width, height) >= s.minSize else {
            throw UserError("the image (\(width)x\(height)) is smaller than min \(s.minSize) on its shorter side; lower min or use a larger image")
        }
        let stop: Int
        if let forced = s.scales {
            guard forced >= 1 else { throw UserError("scales must be at least 1 (got \(forced))") }
            stop = forced - 1
        } else {
            let numScales = Int(ceil(log(Double(s.minSize) / shorter) / log(r0))) + 1
            let scaleToStop = Int(ceil(log(min(Double(s.maxSize), longer) / longer) / log(r0)))
            stop = max(numScales - scaleToStop, 0)
        }
        // The factor is re-fitted so that the coarsest shorter side lands on min size.
        let factor = stop > 0 ? pow(Double(s.minSize) / Double(min(width, height)), 1 / Double(stop)) : 1
        var sizes: [(Int, Int)] = []
        for k in 0...max(stop, 0) {
            let level = pow(factor, Double(k))
            sizes.append((Int(ceil(Double(width) * level)), Int(ceil(Double(height) * level))))
        }
        self.sourceWidth = w; self.sourceHeight = h
        self.width = width; self.height = height
        self.fit = fit
        self.scaleFactor = factor
        self.sizes = sizes
        try validate(settings: s)
    }

    /// Refuses a pyramid whose smallest scale cannot hold the receptive field plus padding.
    private func validate(settings s: Settings) throws {
        let needed = s.receptiveField
        for k in (0...coarsest).reversed() where min(sizes[k].width, sizes[k].height) < needed {
            throw UserError("scale \(k) would be \(sizes[k].width)x\(sizes[k].height), smaller than the \(needed)-pixel receptive field; raise min (now \(s.minSize)) or use fewer scales")
        }
    }
}
