import Imaging
import Tensor

/// What makes a model conditional (`train labels MAP`): the label map of its training image
/// at the training size, whose palette is the model's, and whether the generators and critics
/// also see pix2pixHD's boundary map. Every net of a conditional model takes these channels
/// beside its image input (docs/semantic.md).
public final class LabelConditioning {
    /// The training pair's map, at the model's training size (geometry.width x height).
    public let map: LabelMap
    /// The boundary channel is on.
    public let boundaries: Bool

    public init(map: LabelMap, boundaries: Bool) {
        self.map = map
        self.boundaries = boundaries
    }

    public var palette: [SIMD3<Float>] { map.palette }

    /// One channel per label, plus one for the boundaries when on.
    public var channels: Int { map.palette.count + (boundaries ? 1 : 0) }

    /// `map` (of this palette) at `width x height` as the nets see it: [1, channels, H, W],
    /// channel i is 1 where the label is i (nearest-neighbour resized, so labels stay flat),
    /// and the last channel the boundaries of the resized map when on.
    public func oneHot(_ map: LabelMap, width: Int, height: Int) -> Tensor {
        precondition(map.palette.count <= self.map.palette.count, "a map of another palette")
        let small = map.width == width && map.height == height ? map : map.resized(width: width, height: height)
        let plane = width * height, k = self.map.palette.count
        var values = [Float](repeating: 0, count: channels * plane)
        for (i, label) in small.labels.enumerated() { values[label * plane + i] = 1 }
        if boundaries {
            for (i, edge) in small.boundaries.values.enumerated() { values[k * plane + i] = edge }
        }
        return Tensor(values, shape: [1, channels, height, width])
    }

    /// The training map at scale `k` of `model` (full, uncropped).
    func oneHot(scale k: Int, of model: Model) -> Tensor {
        oneHot(map, width: model.scales[k].width, height: model.scales[k].height)
    }
}

extension Model {
    /// The label channels every net of this model takes beside the image (0: not conditional).
    public var labelChannels: Int { labels?.channels ?? 0 }
}
