import Imaging
import Tensor

/// What an injection (stdlib harmonize, edit, paint2image through `inject`) produced.
public struct InjectionResult {
    /// The result to show: the masked blend for harmonization and editing, the raw output
    /// for paint-to-image.
    public var output: Image
    /// The generators' output before any masking.
    public var raw: Image
    /// The soft mask the blend used (nil for paint-to-image).
    public var mask: Mask?
    /// The scale the image was injected at (0 = finest).
    public var scale: Int
    /// Things the caller should print, e.g. that an input was resized to the training size.
    public var notices: [String]
}

extension Model {
    /// The reference dilates harmonization masks by a disk of radius 7 before blurring
    /// (stdlib/harmonize.sgs passes it; editing's 20 is in stdlib/edit.sgs).
    public static let harmonizationMaskRadius = 7

    /// The scales an image can be injected at. The reference allows start scales 1...N in its
    /// coarse-to-fine numbering (harmonization.py: 1 <= n <= len(Gs) - 1); with our numbering
    /// (0 = finest, `coarsest` = N) that is 0...coarsest - 1: the coarsest scale is excluded
    /// because the input is taken down one scale and back up, and there is none below it.
    public var injectionScales: ClosedRange<Int>? { coarsest >= 1 ? 0...(coarsest - 1) : nil }

    /// Checks `k` against `injectionScales`, with a message that lists the valid ones.
    func requireInjectionScale(_ k: Int) throws {
        try requireTrained(downTo: 0)
        guard let valid = injectionScales else {
            throw UserError("this model has a single scale, so there is nothing coarser to inject into; train with at least 2 scales")
        }
        guard valid.contains(k) else {
            throw UserError("'at \(k)' is not an injection scale of this model: use \(valid.lowerBound) (finest) to \(valid.upperBound); scale \(coarsest), the coarsest, has no coarser scale to come from")
        }
    }

    /// The noise choice for an injection at k with fresh noise from `freshFrom` down.
    func injectionNoise(at k: Int, freshFrom: Int?) throws -> (Int) -> NoiseChoice {
        let start = freshFrom ?? k
        guard (0...k).contains(start) else {
            throw UserError("'from \(start)' must be a scale from 0 to the injection scale \(k)")
        }
        return { $0 > start ? .reconstruction : .random }
    }

    /// The training image at full (max-side limited) size.
    public var trainingImage: Image { scales[0].real.image() }

    /// `image` at the training size: resized as the reference's imresize_to_shape if it is not,
    /// with a notice saying so (a size mismatch is common and not an error).
    func conformed(_ image: Image, role: String) throws -> (Image, String?) {
        guard !image.isEmpty else { throw UserError("the \(role) is empty (\(image.width)x\(image.height))") }
        let w = geometry.width, h = geometry.height
        guard image.width != w || image.height != h else { return (image, nil) }
        let resized = resize(image, width: w, height: h, mode: .clamped)
        return (resized, "resized the \(role) from \(image.width)x\(image.height) to the model's \(w)x\(h)")
    }

    /// The reference's dilate_mask on a mask image of the training size: foreground where
    /// channel 0 is a nonzero byte (threshold half a level up, so the ringing a resize leaves
    /// on black does not count, as the reference's uint8 conversion drops it), dilated by a
    /// disk of `radius`, blurred with sigma 5, min-max normalised.
    func softInjectionMask(_ image: Image, radius: Int) throws -> Mask {
        let hard = threshold(image, channel: 0, above: 0.5 / 255)
        guard hard.values.contains(where: { $0 > 0 }) else {
            throw UserError("the mask is empty: no pixel of its first channel is above black")
        }
        return normalizeMinMax(gaussianBlur(dilate(hard, radius: radius), sigma: 5))
    }

    /// The injection of the language's `inject`: with a mask, the reference's masked blend
    /// (dilation `radius`); without, the raw output. `direct` feeds the image resized straight
    /// to scale k's size instead of taking it down to k+1 and back (for inputs that are
    /// already what scale k should see, such as a quantized paint).
    public func injection(_ image: Image, at k: Int, mask: Image? = nil, radius: Int = Model.harmonizationMaskRadius,
                          from freshFrom: Int? = nil, direct: Bool = false,
                          using rng: inout RandomSource) throws -> InjectionResult {
        if let mask {
            return try injectAndBlend(image, mask: mask, at: k, freshFrom: freshFrom, radius: radius, using: &rng)
        }
        try requireInjectionScale(k)
        let noise = try injectionNoise(at: k, freshFrom: freshFrom)
        guard !image.isEmpty else { throw UserError("the image is empty") }
        var notices: [String] = []
        let input: Tensor
        if direct {
            input = Tensor(resize(image, width: scales[k].width, height: scales[k].height, mode: .clamped))
        } else {
            let (full, notice) = try conformed(image, role: "image")
            notices += notice.map { [$0] } ?? []
            input = injectionInput(full, at: k)
        }
        let raw = run(from: k, to: 0, input: input, noise: noise, using: &rng).image()
        return InjectionResult(output: raw, raw: raw, mask: nil, scale: k, notices: notices)
    }

    /// Injects `reference` at scale k and blends the output into the training image through
    /// the soft mask: out = (1 - m) * real + m * G_out (harmonization.py, editing.py).
    /// `freshFrom` is the reference's gen_start_scale: scales coarser than it keep the
    /// reconstruction noise (zero below the coarsest, so no noise at all); nil or k draws
    /// fresh noise at every scale from k down, as the reference's applications do.
    func injectAndBlend(_ reference: Image, mask maskImage: Image, at k: Int, freshFrom: Int?, radius: Int,
                        using rng: inout RandomSource) throws -> InjectionResult {
        try requireInjectionScale(k)
        let noise = try injectionNoise(at: k, freshFrom: freshFrom)
        let (image, imageNotice) = try conformed(reference, role: "image")
        let (maskFull, maskNotice) = try conformed(maskImage, role: "mask")
        let mask = try softInjectionMask(maskFull, radius: radius)
        let raw = run(from: k, to: 0, input: injectionInput(image, at: k), noise: noise, using: &rng).image()
        let output = try blend(raw, trainingImage, mask: mask)
        return InjectionResult(output: output, raw: raw, mask: mask, scale: k,
                               notices: [imageNotice, maskNotice].compactMap { $0 })
    }
}
