import Glibc
import Imaging
import Tensor

/// The generation applications of SinGAN on a trained model (docs/applications.md).
extension Model {
    /// Random samples. Scales coarser than `from` use the reconstruction noise (so the
    /// coarse layout is the training image's); `from` and finer draw fresh noise.
    /// `stretch` scales every level's width and height (arbitrary-size samples, §8).
    public func samples(count: Int, from start: Int? = nil, stretch: (x: Double, y: Double) = (1, 1),
                        using rng: inout RandomSource) throws -> [Image] {
        let start = start ?? coarsest
        try requireTrained(downTo: 0)
        try requireScale(start, "from")
        guard count >= 1 else { throw UserError("count must be at least 1 (got \(count))") }
        if start < coarsest, stretch != (1, 1) {
            throw UserError("'from' keeps the training image's coarse layout, so it works at the training size only")
        }
        let (w, h) = size(coarsest, stretch: stretch)
        guard min(w, h) >= settings.receptiveField else {
            throw UserError("a \(stretch.x)x\(stretch.y) stretch makes the coarsest scale \(w)x\(h), smaller than the \(settings.receptiveField)-pixel receptive field")
        }
        let out = run(from: coarsest, to: 0, input: Tensor(zeros: [count, 3, h, w]), count: count, stretch: stretch,
                      noise: { $0 > start ? .reconstruction : .random }, using: &rng)
        return (0..<count).map { out.image($0) }
    }

    /// The image the fixed reconstruction noise produces (it should look like the training image).
    public func reconstruction(downTo finest: Int = 0, using rng: inout RandomSource) throws -> Image {
        try requireTrained(downTo: finest)
        return run(from: coarsest, to: finest, input: Tensor(zeros: scales[coarsest].real.shape),
                   noise: { _ in .reconstruction }, using: &rng).image()
    }

    /// Feeds `image` in at scale `k` and runs the generators from k to the finest with fresh
    /// noise: the injection behind harmonization, editing and paint-to-image (§9).
    /// The image is resized to the training size if needed, taken down to scale k+1 and back
    /// up to k, so it arrives low-passed like a real coarse output.
    public func inject(_ image: Image, at k: Int, using rng: inout RandomSource) throws -> Image {
        try requireTrained(downTo: 0)
        try requireScale(k, "at")
        return run(from: k, to: 0, input: injectionInput(image, at: k), noise: { _ in .random }, using: &rng).image()
    }

    /// The training-size image brought to scale k the way the reference does.
    func injectionInput(_ image: Image, at k: Int) -> Tensor {
        var full = image
        if image.width != geometry.width || image.height != geometry.height {
            full = resize(image, width: geometry.width, height: geometry.height, mode: .clamped)
        }
        let target = scales[k]
        guard k < coarsest else {
            return Tensor(crop(resize(full, scale: pow(scaleFactor, Double(k)), mode: .clamped),
                               x: 0, y: 0, width: target.width, height: target.height, extendEdges: true))
        }
        let coarser = scales[k + 1]
        let down = crop(resize(full, scale: pow(scaleFactor, Double(k + 1)), mode: .clamped),
                        x: 0, y: 0, width: coarser.width, height: coarser.height, extendEdges: true)
        return Tensor(upsampleAndCrop(down, scale: 1 / scaleFactor, width: target.width, height: target.height, mode: .clamped))
    }

    func requireTrained(downTo finest: Int) throws {
        guard let trained = finestTrained, trained <= finest else {
            let done = trainedCount
            throw UserError(done == 0
                ? "the model is not trained yet; run 'train' first"
                : "only scales \(coarsest)...\(finestTrained ?? coarsest) of 0...\(coarsest) are trained; run 'train' to finish")
        }
    }

    func requireScale(_ k: Int, _ keyword: String) throws {
        guard (0...coarsest).contains(k) else {
            throw UserError("'\(keyword) \(k)' is not a scale of this model; scales run from 0 (finest) to n = \(coarsest) (coarsest)")
        }
    }
}
