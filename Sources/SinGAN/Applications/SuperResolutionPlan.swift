import Glibc
import Imaging
import Tensor

/// How super-resolution gets to a factor S (docs/applications.md, functions.py
/// calc_init_scale): in `steps` equal upsamplings by `step` = S^(1/steps), where `steps` is
/// the number of (1/2)^(1/3) factors that come closest to 1/S: x2 takes 3 steps of 1.25992,
/// x4 takes 6 steps of 1.25992, x8 takes 9.
public struct SuperResolutionPlan: Equatable, Sendable {
    public let factor: Double
    public let steps: Int
    public let step: Double

    public init(factor: Double) throws {
        guard factor.isFinite, factor > 1, factor <= 16 else {
            throw UserError("the super-resolution factor must be above 1 and at most 16, not \(factor)")
        }
        let base = Glibc.pow(0.5, 1.0 / 3)
        // The reference would divide by zero below x1.12 (0 steps); one step is the least.
        steps = max(1, Int((Glibc.log(1 / factor) / Glibc.log(base)).rounded()))
        step = Glibc.pow(factor, 1 / Double(steps))
        self.factor = factor
    }

    /// The output size for an input of `width x height`: round(S * size), as the reference
    /// crops its last step (it uses int(); for the usual integer factors they agree).
    public func outputSize(width: Int, height: Int) -> (width: Int, height: Int) {
        (Int((factor * Double(width)).rounded()), Int((factor * Double(height)).rounded()))
    }

    /// The training settings: the reference's SR mode forces reconstruction weight 100 and
    /// min size 18, and trains with the factor 1/step between scales.
    public func trainingSettings(_ base: Settings) -> Settings {
        var s = base
        s.reconstructionWeight = 100
        s.minSize = 18
        s.scaleFactor = 1 / step
        if s.consingan != nil {  // SR applies SinGAN's finest generator again and again: SinGAN only
            let singan = Settings()
            s.consingan = nil; s.layers = singan.layers; s.leakySlope = singan.leakySlope
        }
        return s
    }
}

extension PyramidGeometry {
    /// The super-resolution pyramid: the factor between scales is exactly 1/step, so the
    /// finest generator learns the very upsampling it is later applied with, and there are
    /// as many scales as keep the coarsest shorter side at min size or more.
    ///
    /// The reference instead counts scales with int() and then re-fits the factor to land the
    /// coarsest side on min size (0.808 instead of 0.794 for 33039_LR), and for portrait
    /// images counts from max(batch, width) instead of max(height, width), which adds a
    /// scale (9 instead of 8, factor 0.830). We count from the real longer side.
    init(superResolutionOf w: Int, _ h: Int, settings s: Settings) throws {
        guard w > 0, h > 0 else { throw UserError("the image is empty (\(w)x\(h))") }
        let factor = s.scaleFactor
        let fit = min(Double(s.maxSize) / Double(max(w, h)), 1)
        let width = Int(ceil(Double(w) * fit)), height = Int(ceil(Double(h) * fit))
        let shorter = Double(min(width, height))
        guard shorter >= Double(s.minSize) else {
            throw UserError("the image (\(width)x\(height)) is smaller than min \(s.minSize) on its shorter side; super-resolution needs at least \(s.minSize) pixels")
        }
        var stop = Int((Glibc.log(Double(s.minSize) / shorter) / Glibc.log(factor)).rounded(.down))
        if let forced = s.scales { stop = max(0, forced - 1) }
        let sizes = (0...max(stop, 0)).map { k -> (width: Int, height: Int) in
            let level = Glibc.pow(factor, Double(k))
            return (Int(ceil(Double(width) * level)), Int(ceil(Double(height) * level)))
        }
        if let small = sizes.last, min(small.width, small.height) < s.receptiveField {
            throw UserError("the coarsest scale would be \(small.width)x\(small.height), smaller than the \(s.receptiveField)-pixel receptive field; use fewer scales")
        }
        self.sourceWidth = w; self.sourceHeight = h
        self.width = width; self.height = height
        self.fit = fit
        self.scaleFactor = factor
        self.sizes = sizes
        self.kind = .superResolution
    }
}
