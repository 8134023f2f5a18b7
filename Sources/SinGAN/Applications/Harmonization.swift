import Imaging
import Tensor

/// Harmonization (docs/applications.md): an object pasted naively onto the training image
/// is injected at a coarse-to-middle scale, so the finer generators redraw it in the image's
/// texture and colours; a soft mask keeps everything away from the object as it was.
extension Model {
    /// The reference dilates harmonization masks by a disk of radius 7 before blurring.
    public static let harmonizationMaskRadius = 7

    /// The scale `harmonize` uses when none is given. The reference has no default (the
    /// start scale is a required argument); the middle of the pyramid keeps the object's
    /// shape while still redrawing its texture.
    public var defaultHarmonizationScale: Int { max(0, coarsest / 2) }

    /// Harmonizes `naive` (the training image with an object pasted in) where `mask` is
    /// nonzero. `output` is the masked blend, `raw` the generators' output, `scale` the
    /// injection scale. Inputs of another size are resized, with a notice.
    public func harmonize(_ naive: Image, mask: Image, at k: Int? = nil, from freshFrom: Int? = nil,
                          using rng: inout RandomSource) throws -> InjectionResult {
        try injectAndBlend(naive, mask: mask, at: k ?? defaultHarmonizationScale,
                           freshFrom: freshFrom, radius: Self.harmonizationMaskRadius, using: &rng)
    }
}
