// The coarse-to-fine loop shared by every GPNN application. At the coarsest level the keys
// are the sharp real image; at every finer level the keys are the coarser real image
// upsampled to this size (blurred like the upsampled guess, so they compare fairly) and
// the values the sharp real image at this size, in every step (the official design).
import Imaging
import Tensor

struct PNNRun {
    /// The real image at each level, finest first: the values (and, upsampled, the keys).
    var values: [Image]
    /// Per level, which key patches may be used (nil: all).
    var masks: [KeyMask?]
    /// The output's size at each level, finest first.
    var outputSizes: [PixelSize]
    /// The starting guess, at the coarsest output size.
    var initial: Image
    var settings: PNNSettings
    var seed: UInt64

    /// Runs every level; `check` is called between steps (to stop on Ctrl-C).
    func run(check: () throws -> Void) rethrows -> Image {
        let coarsest = values.count - 1
        var state = SearchState()
        var output = initial
        for level in stride(from: coarsest, through: 0, by: -1) {
            let size = outputSizes[level]
            var query = PatchImage(level == coarsest ? output
                                   : resize(output, width: size.width, height: size.height))
            let sharp = values[level]
            let keys = level == coarsest ? PatchImage(sharp)
                : PatchImage(resize(values[level + 1], width: sharp.width, height: sharp.height))
            let valueImage = PatchImage(sharp)
            let steps = level == coarsest ? settings.coarsestIterations : settings.iterations
            for step in 0..<steps {
                try check()
                query = state.step(query: query, keys: keys, values: valueImage, mask: masks[level],
                                   exact: usesExactSearch(query: query, keys: keys), first: step == 0,
                                   settings: settings, seed: stepSeed(level: level, step: step))
            }
            output = query.image
        }
        return output
    }

    private func usesExactSearch(query: PatchImage, keys: PatchImage) -> Bool {
        switch settings.search {
        case .exact: return true
        case .approximate: return false
        case .hybrid:
            let p = settings.patchSize
            let (qx, qy) = query.positions(p), (kx, ky) = keys.positions(p)
            return Double(qx * qy) * Double(kx * ky) <= Double(settings.exactPairs)
        }
    }

    private func stepSeed(level: Int, step: Int) -> UInt64 {
        var rng = RandomSource(seed: seed ^ (UInt64(level) << 40) ^ (UInt64(step) << 20) ^ 0x504E_4E00)
        return rng.next()
    }
}

/// The nearest-neighbour fields carried from step to step and level to level.
struct SearchState {
    var field: NNField?
    /// Keys -> queries, for the completeness term under PatchMatch.
    var reverse: NNField?

    /// One replace-and-average step: match every query patch, fold the matched values.
    mutating func step(query: PatchImage, keys: PatchImage, values: PatchImage, mask: KeyMask?, exact: Bool,
                       first: Bool, settings: PNNSettings, seed: UInt64) -> PatchImage {
        let p = settings.patchSize
        if exact {
            field = ExactSearch.search(queries: query, keys: keys, mask: mask, patch: p, alpha: settings.internalAlpha)
            reverse = nil
        } else {
            var rng = RandomSource(seed: seed)
            let passes = first ? 2 : 1
            var weights: [Float]? = nil
            if let alpha = settings.internalAlpha {
                var back = carried(reverse, queries: keys, keys: query, mask: nil, p: p, rng: &rng)
                PatchMatch.improve(&back, queries: keys, keys: query, mask: nil, weights: nil, patch: p,
                                   passes: reverse == nil ? 4 : passes, seed: rng.next())
                weights = back.cost.map { 1 / (alpha + $0) }
                reverse = back
            }
            var forward = carried(field, queries: query, keys: keys, mask: mask, p: p, rng: &rng)
            PatchMatch.improve(&forward, queries: query, keys: keys, mask: mask, weights: weights, patch: p,
                               passes: field == nil ? 4 : passes, seed: rng.next())
            field = forward
        }
        return PatchFold.fold(field!, values: values, width: query.width, height: query.height, patch: p)
    }

    /// The previous field resampled to these sizes, or a random one when there is none.
    private func carried(_ previous: NNField?, queries: PatchImage, keys: PatchImage, mask: KeyMask?, p: Int,
                         rng: inout RandomSource) -> NNField {
        let (qx, qy) = queries.positions(p), (kx, ky) = keys.positions(p)
        guard let previous else {
            return NNField.random(columns: qx, rows: qy, keyColumns: kx, keyRows: ky, mask: mask, using: &rng)
        }
        if previous.columns == qx && previous.rows == qy && previous.keyColumns == kx && previous.keyRows == ky {
            return previous
        }
        return previous.resampled(columns: qx, rows: qy, keyColumns: kx, keyRows: ky)
    }
}
