import Foundation
import Imaging
import Tensor

/// How to measure; the defaults are PGGAN's patch and direction counts.
public struct ScoreSettings {
    /// Patches drawn from each sample at each level (the real image gives this many per sample).
    public var patchesPerImage = 128
    /// Random projection directions per level (PGGAN: 4 repeats x 128).
    public var directions = 512
    /// Pyramid levels go down while the shorter side stays at least this (PGGAN: 16).
    public var minimumLevelSize = 16
    /// Normalise real and generated descriptors each by their own mean/std, as PGGAN's code
    /// does. Off by default: joint statistics keep a colour or contrast shift visible.
    public var normalizeSeparately = false

    public init() {}
}

/// Samples measured against their training image, with no pretrained network.
public struct QualityScore: CustomStringConvertible {
    /// Sliced Wasserstein distance per Laplacian level, finest first, raw (PGGAN reports 1e3x).
    public var swd: [Double]
    /// The mean of `swd`.
    public var swdMean: Double
    /// Per-pixel std over the samples, averaged, divided by the training image's std.
    public var diversity: Double
    /// sqrt(mean((reconstruction - real)^2)) in [-1, 1] units, when a reconstruction was given.
    public var reconstructionRMSE: Double?
    public var sampleCount: Int

    /// One line for printing.
    public var description: String {
        func f(_ x: Double) -> String { String(format: "%.4g", x) }
        var line = "SWD \(f(swdMean)) (levels fine to coarse: \(swd.map(f).joined(separator: " "))), diversity \(f(diversity))"
        if let reconstructionRMSE { line += ", reconstruction RMSE \(f(reconstructionRMSE))" }
        return line + ", \(sampleCount) sample\(sampleCount == 1 ? "" : "s")"
    }
}

/// Scores `samples` (each [n,C,H,W], all the training image's size) against `real`
/// ([1,C,H,W], values in [-1,1]). The same inputs and seed give the same score.
///
/// - SWD (PGGAN's multi-scale sliced Wasserstein distance): Laplacian pyramid with the
///   5-tap binomial blur down to a shorter side of 16; per level, 7x7xC patches (128 per
///   sample at distinct random positions, 128 x samples from the real image, all positions
///   when a level has fewer); descriptors normalised per channel by the mean/std of real and
///   generated patches together (PGGAN's code normalises each set by its own statistics:
///   `settings.normalizeSeparately`); then the mean over 512 random unit directions of the
///   mean |difference| of the sorted projections (unequal counts: the larger set is read at
///   the smaller one's midpoint quantiles). Reported raw: PGGAN's tables show 1e3 x this.
///   Lower is closer to the training image's patch statistics; an image against itself is
///   near 0 (only patch sampling noise), exactly 0 when the same patches are drawn.
/// - Diversity (SinGAN): per-pixel population std over the samples, averaged over pixels
///   and channels, divided by the population std of the training image's values.
/// - Reconstruction RMSE: sqrt(mean((reconstruction - real)^2)) in [-1, 1] units.
public func score(real: Tensor, samples: [Tensor], reconstruction: Tensor? = nil, seed: UInt64 = 0,
                  settings: ScoreSettings = ScoreSettings()) throws -> QualityScore {
    guard real.rank == 4, real.shape[0] == 1, real.shape[1] > 0 else {
        throw UserError("score: the training image must have shape [1, C, H, W], got \(real.shape)")
    }
    let p = SlicedWasserstein.patchSize
    guard real.shape[2] >= p, real.shape[3] >= p else {
        throw UserError("score: the training image is \(real.shape[3])x\(real.shape[2]); it needs at least \(p)x\(p) pixels for \(p)x\(p) patches")
    }
    guard !samples.isEmpty else { throw UserError("score: no samples to measure") }
    for (i, sample) in samples.enumerated() where sample.rank != 4 || sample.shape[0] < 1 || Array(sample.shape[1...]) != Array(real.shape[1...]) {
        throw UserError("score: sample \(i) has shape \(sample.shape), expected [n, \(real.shape[1]), \(real.shape[2]), \(real.shape[3])] (the training image's size)")
    }
    if let reconstruction, reconstruction.shape != real.shape {
        throw UserError("score: the reconstruction has shape \(reconstruction.shape), expected \(real.shape) (the training image's)")
    }

    let realImage = ImagePlanes.images(of: real)[0]
    let sampleImages = samples.flatMap(ImagePlanes.images(of:))
    let swd = MultiScaleSlicedWasserstein.distances(real: realImage, fakes: sampleImages, settings: settings, seed: seed)
    return QualityScore(swd: swd,
                        swdMean: swd.isEmpty ? 0 : swd.reduce(0, +) / Double(swd.count),
                        diversity: Diversity.of(samples: sampleImages, real: realImage),
                        reconstructionRMSE: reconstruction.map { rootMeanSquareError($0, real) },
                        sampleCount: sampleImages.count)
}

/// sqrt(mean((a - b)^2)) over all values; the shapes must match (checked by the caller).
public func rootMeanSquareError(_ a: Tensor, _ b: Tensor) -> Double {
    let n = min(a.count, b.count)
    guard n > 0 else { return 0 }
    var total = 0.0
    for i in 0..<n { let d = Double(a.pointer[i]) - Double(b.pointer[i]); total += d * d }
    return (total / Double(n)).squareRoot()
}
