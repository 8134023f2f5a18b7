import Imaging
import Tensor

/// Paint-to-image (docs/applications.md): a clip-art painting is injected at a coarse scale
/// and the finer generators turn its colour blobs into the training image's textures. No mask:
/// the whole output is the generators'.
extension Model {
    /// The paper injects paintings at one of the coarse scales ("N - 1 or N - 2").
    public var defaultPaintScale: Int { max(0, coarsest - 1) }

    /// The number of colours the reference quantizes to (functions.py quant: KMeans(5)).
    public static let paintColors = 5

    /// Turns `paint` into an image in the training image's style, injected at scale k.
    ///
    /// With `quantize` = K, the training image at scale k is clustered into K colours and the
    /// paint, brought to scale k, is mapped onto those centres, so it only uses colours the
    /// model has seen. The reference maps first and resizes after (which blends colours at
    /// the edges again) and then retrains generator k on quantized inputs (train_paint); we
    /// map after resizing, so the input holds at most K colours, and do not retrain.
    public func paint2image(_ paint: Image, at k: Int? = nil, from freshFrom: Int? = nil, quantize colors: Int? = nil,
                            seed: UInt64 = 0, using rng: inout RandomSource) throws -> InjectionResult {
        let k = k ?? defaultPaintScale
        try requireInjectionScale(k)
        let noise = try injectionNoise(at: k, freshFrom: freshFrom)
        let (image, notice) = try conformed(paint, role: "paint")
        let input: Tensor
        if let colors {
            guard (1...256).contains(colors) else { throw UserError("quantize takes 1 to 256 colours, not \(colors)") }
            input = Tensor(quantizedPaint(paint, at: k, colors: colors, seed: seed))
        } else {
            input = injectionInput(image, at: k)
        }
        let raw = run(from: k, to: 0, input: input, noise: noise, using: &rng).image()
        return InjectionResult(output: raw, raw: raw, mask: nil, scale: k, notices: notice.map { [$0] } ?? [])
    }

    /// The paint resized straight to scale k's size, every pixel replaced by the nearest of
    /// `colors` k-means centres of the training image at scale k (what `quantize` in the
    /// language does, so scripts and this API agree).
    func quantizedPaint(_ paint: Image, at k: Int, colors: Int, seed: UInt64) -> Image {
        let level = scales[k]
        let centers = kMeansQuantize(level.real.image(), k: colors, seed: seed).centers
        let small = resize(paint, width: level.width, height: level.height, mode: .clamped)
        return mapToNearestCenter(small, centers: centers)
    }
}
