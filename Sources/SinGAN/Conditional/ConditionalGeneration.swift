import Imaging
import Tensor

/// Running a conditional model: every generator takes the label map at its scale beside
/// the noise and the coarser output, x_k = G_k(pad(sigma_k z + prev) ++ pad(labels_k), pad(prev)).
extension Model {
    /// One conditional G_k step. `labels` is [1, C, h, w] at the size of `previous`.
    func conditionalStep(_ k: Int, previous: Tensor, noise z: Tensor, labels: Tensor) -> Tensor {
        guard let g = scales[k].generator else { preconditionFailure("scale \(k) has no generator") }
        let p = settings.padding
        let prev = previous.padded(p)
        let input = concatChannels([(z * scales[k].noiseAmp).padded(p) + prev, labels.repeatedAlongBatch(previous.n).padded(p)])
        return g(input, previous: prev)
    }

    /// The frozen conditional generators from `start` down to `end`; `sizes(k)` is scale k's
    /// size and `labels(k)` the label channels there ([1, C, h, w]). No history is recorded.
    func conditionalRun(from start: Int, to end: Int, input: Tensor, count: Int,
                        sizes: (Int) -> (width: Int, height: Int), labels: (Int) -> Tensor,
                        noise choice: (Int) -> NoiseChoice, using rng: inout RandomSource) -> Tensor {
        withoutGrad {
            var previous = input, out = input
            for k in stride(from: start, through: end, by: -1) {
                if k != start {
                    let (w, h) = sizes(k)
                    previous = upsample(out, factor: scaleFactor, width: w, height: h)
                }
                let z = scaleNoise(k, shape: [count, 3, previous.h, previous.w], choice: choice(k), using: &rng)
                out = conditionalStep(k, previous: previous, noise: z, labels: labels(k))
            }
            return out
        }
    }

    /// `run` of a conditional model: its own training map at every scale (stretched with the
    /// output), so sampling, reconstruction and injection work as for a plain model.
    func conditionalRun(_ labels: LabelConditioning, from start: Int, to end: Int, input: Tensor, count: Int,
                        stretch: (x: Double, y: Double), noise choice: (Int) -> NoiseChoice,
                        using rng: inout RandomSource) -> Tensor {
        let sizes = { (k: Int) in k == start ? (width: input.w, height: input.h) : self.size(k, stretch: stretch) }
        return conditionalRun(from: start, to: end, input: input, count: count, sizes: sizes,
                              labels: { k in let s = sizes(k); return labels.oneHot(labels.map, width: s.width, height: s.height) },
                              noise: choice, using: &rng)
    }

    /// Photos of `map` (labels numbered in this model's palette order, any size whose
    /// coarsest scale holds the receptive field): the generators run coarse to fine on the
    /// map at each scale with fresh noise, so every call gives another photo of one layout.
    public func translate(_ map: LabelMap, count: Int = 1, using rng: inout RandomSource) throws -> [Image] {
        guard let labels else {
            throw UserError("this model was not trained on labels (train one with 'train labels MAP')")
        }
        try requireTrained(downTo: 0)
        guard count >= 1 else { throw UserError("count must be at least 1 (got \(count))") }
        let stretch = (x: Double(map.width) / Double(scales[0].width), y: Double(map.height) / Double(scales[0].height))
        let sizes = { (k: Int) in k == 0 ? (width: map.width, height: map.height) : self.size(k, stretch: stretch) }
        let coarse = sizes(coarsest), field = settings.receptiveField
        guard min(coarse.width, coarse.height) >= field else {
            let side = { (full: Int, small: Int) in Int((Double(field) * Double(full) / Double(small)).rounded(.up)) }
            throw UserError("a \(map.width)x\(map.height) map makes the coarsest scale \(coarse.width)x\(coarse.height), smaller than "
                + "the \(field)-pixel receptive field; use a map of at least "
                + "\(side(scales[0].width, scales[coarsest].width))x\(side(scales[0].height, scales[coarsest].height))")
        }
        let out = conditionalRun(from: coarsest, to: 0, input: Tensor(zeros: [count, 3, coarse.height, coarse.width]), count: count,
                                 sizes: sizes, labels: { k in let s = sizes(k); return labels.oneHot(map, width: s.width, height: s.height) },
                                 noise: { _ in .random }, using: &rng)
        return (0..<count).map { out.image($0) }
    }
}
