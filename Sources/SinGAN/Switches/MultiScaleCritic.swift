import Tensor

/// pix2pixHD's multi-scale critics (`dscales K`): critic i judges the image average-pooled
/// i times (3x3, stride 2, padding 1, padding not counted), so the coarse critics judge
/// layout and the fine one detail. SinGAN's critics are unpadded convs, so a critic whose
/// input would be smaller than the receptive field (11 pixels by default) cannot judge it
/// and is left out at that scale.
extension Discriminator {
    /// How many of the `dscales` critics fit an image of `height` x `width` at this scale.
    public static func criticCount(height: Int, width: Int, settings s: Settings) -> Int {
        var (h, w, count) = (height, width, 1)
        while count < s.switches.criticScales {
            (h, w) = (averagePoolLength(h), averagePoolLength(w))
            guard min(h, w) >= s.receptiveField else { break }
            count += 1
        }
        return count
    }

    /// The image as each critic sees it: as it is, pooled once, twice, ...
    public func inputs(for image: Tensor) -> [Tensor] { criticInputs(image, count: critics.count) }

    /// Batch statistics while the scale trains, running statistics once frozen.
    public var training: Bool {
        get { stack.training }
        set { for c in critics { c.training = newValue } }
    }

    /// Every critic's parameters, critic 0 under SinGAN's names, critic i under "critic<i>.".
    public var namedParameters: [(String, Tensor)] {
        critics.enumerated().flatMap { i, c in c.namedParameters.map { (Self.prefix(i) + $0.0, $0.1) } }
    }

    public var namedStatistics: [(String, RunningStats)] {
        critics.enumerated().flatMap { i, c in c.namedStatistics.map { (Self.prefix(i) + $0.0, $0.1) } }
    }

    public var parameters: [Tensor] { namedParameters.map(\.1) }

    /// Warm start: each critic from the same critic of a coarser scale's D, where it has one.
    func copyWeights(from other: Discriminator) {
        for (mine, theirs) in zip(critics, other.critics) { mine.copyWeights(from: theirs) }
    }

    private static func prefix(_ i: Int) -> String { i == 0 ? "" : "critic\(i)." }
}
