import Imaging
import Tensor

/// Retargeting (docs/applications.md, random_samples_arbitrary_sizes): a sample at a new
/// size and aspect ratio. Every scale's noise map is stretched by target / training size,
/// so the generators fill the new canvas with the image's structures instead of squashing
/// them; nothing is resized.
extension Model {
    /// The largest side `retarget` accepts, to keep a typo from allocating gigabytes.
    public static let maxRetargetSide = 4096

    /// The stretch factors that give a `width x height` sample.
    public func retargetStretch(width: Int, height: Int) -> (x: Double, y: Double) {
        (Double(width) / Double(geometry.width), Double(height) / Double(geometry.height))
    }

    /// The smallest target width and height whose coarsest scale still holds the receptive
    /// field (the coarsest level is the training coarsest stretched and rounded).
    public var smallestRetargetSize: (width: Int, height: Int) {
        func smallest(_ full: Int, _ coarse: Int) -> Int {
            var n = 1
            while n < full * 64, Int((Double(coarse) * Double(n) / Double(full)).rounded(.toNearestOrEven)) < settings.receptiveField { n += 1 }
            return n
        }
        return (smallest(geometry.width, scales[coarsest].width), smallest(geometry.height, scales[coarsest].height))
    }

    /// One sample of `width x height`. Sizes whose coarsest scale would fall below the
    /// receptive field are refused with the smallest size that works.
    public func retarget(width: Int, height: Int, using rng: inout RandomSource) throws -> Image {
        try requireTrained(downTo: 0)
        guard (1...Self.maxRetargetSide).contains(width), (1...Self.maxRetargetSide).contains(height) else {
            throw UserError("retarget sizes run from 1 to \(Self.maxRetargetSide) pixels a side, not \(width)x\(height)")
        }
        let least = smallestRetargetSize
        guard width >= least.width, height >= least.height else {
            throw UserError("\(width)x\(height) is too small for this model: its coarsest scale would be narrower than the \(settings.receptiveField)-pixel receptive field; the smallest size that works is \(least.width)x\(least.height)")
        }
        let stretch = retargetStretch(width: width, height: height)
        let sample = try samples(count: 1, stretch: stretch, using: &rng)[0]
        // Each scale rounds its own stretched size, so the finest can be off by a pixel.
        guard sample.width != width || sample.height != height else { return sample }
        return crop(sample, x: 0, y: 0, width: width, height: height, extendEdges: true)
    }
}
