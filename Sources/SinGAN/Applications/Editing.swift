import Imaging
import Tensor

/// Editing (docs/applications.md): a rough cut-and-paste edit of the training image is
/// injected and regenerated so the seams disappear. It works like harmonization with a wider
/// mask, because the whole neighbourhood of an edit has to be redrawn, not only the object.
extension Model {
    /// The reference dilates editing masks by a disk of radius 20 (functions.py dilate_mask).
    public static let editingMaskRadius = 20

    /// The scale `edit` uses when none is given (the reference requires one; see
    /// `defaultHarmonizationScale`).
    public var defaultEditingScale: Int { max(0, coarsest / 2) }

    /// Regenerates the edited `image` where `mask` is nonzero. The reference saves both images,
    /// so both come back: `raw` (the generators' output everywhere) and `output` (blended into
    /// the training image through the dilated, blurred mask).
    public func edit(_ image: Image, mask: Image, at k: Int? = nil, from freshFrom: Int? = nil,
                     using rng: inout RandomSource) throws -> InjectionResult {
        try injectAndBlend(image, mask: mask, at: k ?? defaultEditingScale,
                           freshFrom: freshFrom, radius: Self.editingMaskRadius, using: &rng)
    }
}
