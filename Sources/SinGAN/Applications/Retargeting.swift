import Imaging
import Tensor

/// The limits of retargeting (docs/applications.md, random_samples_arbitrary_sizes), which
/// `fits` and `smallest_size` report; `retarget` itself is stdlib/retarget.sgs, a `sample`
/// whose every noise map is stretched by target / training size.
extension Model {
    /// The largest side `retarget` accepts, to keep a typo from allocating gigabytes.
    public static let maxRetargetSide = 4096

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
}
