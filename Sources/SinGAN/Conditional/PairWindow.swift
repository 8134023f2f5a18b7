import Tensor

/// The part of the one training pair an iteration of a conditional model trains on. One
/// image is one (map, photo) pair, so without help the model could learn the one layout
/// instead of "this label looks like this": half the iterations see a window of 3/4 of each
/// side at a random place (the borders and the coarse context of every region change), and
/// half see the pair mirrored left-right. The window is the same fraction of the image at
/// every scale, so the coarser scales' outputs line up with it (docs/semantic.md).
struct PairWindow {
    /// Left, top, width and height as fractions of the image.
    var x = 0.0, y = 0.0, width = 1.0, height = 1.0
    var mirrored = false

    static let cropSide = 0.75
    static let cropProbability: Float = 0.5
    static let mirrorProbability: Float = 0.5

    /// A random window; always four draws, so the generator's stream does not depend on them.
    static func random(for model: Model, using rng: inout RandomSource) -> PairWindow {
        let crop = rng.uniform() < cropProbability, fx = Double(rng.uniform()), fy = Double(rng.uniform())
        var window = PairWindow()
        window.mirrored = rng.uniform() < mirrorProbability
        // A window too small for the coarsest scale's receptive field is not taken.
        let coarsest = model.scales[model.coarsest]
        if crop, Double(min(coarsest.width, coarsest.height)) * cropSide >= Double(model.settings.receptiveField) {
            window.width = cropSide; window.height = cropSide
            window.x = fx * (1 - cropSide); window.y = fy * (1 - cropSide)
        }
        return window
    }

    /// The window in pixels at scale `k`.
    func rect(_ k: Int, of model: Model) -> (x: Int, y: Int, width: Int, height: Int) {
        let s = model.scales[k]
        let w = max(1, min(s.width, Int((width * Double(s.width)).rounded())))
        let h = max(1, min(s.height, Int((height * Double(s.height)).rounded())))
        return (min(s.width - w, Int((x * Double(s.width)).rounded())), min(s.height - h, Int((y * Double(s.height)).rounded())), w, h)
    }

    func size(_ k: Int, of model: Model) -> (width: Int, height: Int) {
        let r = rect(k, of: model)
        return (r.width, r.height)
    }

    /// `full` (scale k's size, a constant: the real image or the label channels) seen
    /// through the window.
    func apply(_ full: Tensor, scale k: Int, of model: Model) -> Tensor {
        let r = rect(k, of: model)
        let cut = r.width == full.w && r.height == full.h ? full
            : withoutGrad { full.cropped(top: r.y, left: r.x, height: r.height, width: r.width) }
        return mirrored ? cut.mirroredConstant() : cut
    }
}

extension Tensor {
    /// A left-right mirror of a [N, C, H, W] constant (no history: a training input only).
    func mirroredConstant() -> Tensor {
        let w = shape[3], rows = count / max(w, 1)
        let out = Tensor(uninitialized: shape)
        for r in 0..<rows {
            let src = pointer + r * w, dst = out.pointer + r * w
            for x in 0..<w { dst[x] = src[w - 1 - x] }
        }
        return out
    }
}
