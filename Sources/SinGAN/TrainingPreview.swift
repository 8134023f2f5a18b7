// A look at a scale while it trains, for the REPL's live preview: a random sample through
// the generators down to the scale in training, with its BatchNorm on running statistics.
// It draws from its own generator and restores the training mode, so training goes on
// exactly as it would without the preview (same seed, same bytes).
import Imaging
import Tensor

extension Model {
    /// A sample of scale `k` now, or nil when scale k has no generator yet or a coarser scale
    /// is untrained.
    public func previewSample(at k: Int, seed: UInt64) -> Image? {
        guard scales.indices.contains(k), let g = scales[k].generator,
              k == coarsest || scales[k + 1].trained else { return nil }
        let wasTraining = g.stack.training
        g.stack.training = false
        defer { g.stack.training = wasTraining }
        var rng = RandomSource(seed: seed)
        let out = run(from: coarsest, to: k, input: Tensor(zeros: scales[coarsest].real.shape),
                      noise: { _ in .random }, using: &rng)
        return out.image(0)
    }
}
