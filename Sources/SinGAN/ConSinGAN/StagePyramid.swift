import Imaging
import Glibc

/// ConSinGAN's rescaled pyramid (docs/consingan.md, ConSinGAN/functions.py:183-207):
/// with N = stages - 1 and sf = (min / shorter side)^(1/N), stage i < N is the fitted image
/// resized by sf^((N-1)/ln N * ln(N-i) + 1), stage N is the image itself. More stages sit at
/// low resolution than in SinGAN's geometric spacing.
///
/// `sizes` keeps the sgs numbering (index 0 = finest = stage N); `scaleFactor` is sf.
extension PyramidGeometry {
    init(consinganOf w: Int, _ h: Int, settings s: Settings) throws {
        guard w > 0, h > 0 else { throw UserError("the image is empty (\(w)x\(h))") }
        guard s.minSize > 0, s.maxSize >= s.minSize else {
            throw UserError("pyramid settings need 0 < min <= max (min \(s.minSize), max \(s.maxSize))")
        }
        let stages = s.stageCount
        guard stages >= 1 else { throw UserError("a ConSinGAN model needs at least 1 stage (got \(stages))") }
        let fit = min(Double(s.maxSize) / Double(max(w, h)), 1)
        let width = Int(ceil(Double(w) * fit)), height = Int(ceil(Double(h) * fit))
        guard min(width, height) >= s.minSize else {
            throw UserError("the image (\(width)x\(height)) is smaller than min \(s.minSize) on its shorter side; lower min or use a larger image")
        }
        let n = stages - 1
        let factor = n > 0 ? pow(Double(s.minSize) / Double(min(width, height)), 1 / Double(n)) : 1
        self.sourceWidth = w; self.sourceHeight = h
        self.width = width; self.height = height
        self.fit = fit
        self.scaleFactor = factor
        self.sizes = (0...n).map { k in
            let level = PyramidGeometry.consinganLevel(k, stop: n, factor: factor)
            return (Int(ceil(Double(width) * level)), Int(ceil(Double(height) * level)))
        }
        self.kind = .consingan
        try checkCriticFits(settings: s)
    }

    /// The resize factor from the fitted image to scale k (0 = finest), for either kind.
    public func levelScale(_ k: Int) -> Double {
        kind == .consingan ? PyramidGeometry.consinganLevel(k, stop: coarsest, factor: scaleFactor) : pow(scaleFactor, Double(k))
    }

    /// sf^((N-1)/ln N * ln(N-i) + 1) for stage i = N - k; 1 at the finest. For N = 1 the
    /// fraction (N-1)/ln N is 0/0; its limit, 1, gives exponent 1 (the min-size stage).
    static func consinganLevel(_ k: Int, stop n: Int, factor: Double) -> Double {
        guard k > 0 else { return 1 }
        let stage = Double(n - k)
        let slope = n > 1 ? Double(n - 1) / log(Double(n)) : 1
        return pow(factor, slope * log(Double(n) - stage) + 1)
    }

    /// The critic (head, `layers` blocks, tail: layers + 2 unpadded convs) must fit in the
    /// smallest stage.
    private func checkCriticFits(settings s: Settings) throws {
        let needed = s.kernel + (s.kernel - 1) * (s.layers + 1)
        if let small = sizes.last, min(small.width, small.height) < needed {
            throw UserError("the coarsest stage would be \(small.width)x\(small.height), smaller than the critic's \(needed)-pixel receptive field; raise min (now \(s.minSize))")
        }
    }
}
