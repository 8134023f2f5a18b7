// The 1-D weights of the reference's MATLAB-style bicubic resize (SinGAN/imresize.py, after
// Shocher's `resizer`), reproduced in float64 operation for operation so pyramid levels match
// the reference. See docs/imaging.md and docs/singan.md.
import Glibc

/// Keys cubic convolution kernel with a = -0.5 (support [-2, 2]).
@inline(__always)
public func keysCubic(_ x: Double) -> Double {
    let ax = abs(x), ax2 = ax * ax, ax3 = ax2 * ax
    if ax <= 1 { return 1.5 * ax3 - 2.5 * ax2 + 1 }
    if ax <= 2 { return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2 }
    return 0
}

/// Which input samples, with which weights, make each output sample along one axis.
/// Every output uses the same number of taps; taps the reference drops have weight 0.
public struct ResizeWeights: Sendable {
    public let inLength: Int
    public let outLength: Int
    public let scale: Double
    /// Taps per output sample: ceil(kernel width) + 2.
    public let taps: Int
    /// `outLength * taps` input indices, already reflected into `0..<inLength`.
    public let indices: [Int]
    /// `outLength * taps` weights, normalised so each output's weights sum to 1.
    public let weights: [Double]

    /// The taps of output `o` that carry weight, in tap order (an index may repeat at the
    /// right edge, where the reference reflects).
    public func contributions(ofOutput o: Int) -> [(index: Int, weight: Double)] {
        guard o >= 0 && o < outLength else { return [] }
        return (0..<taps).compactMap { t in
            let w = weights[o * taps + t]
            return w == 0 ? nil : (indices[o * taps + t], w)
        }
    }
}

/// The reference's per-axis weights for resizing `inLength` samples to `outLength` with
/// scale `scale` (which need not equal out/in: the reference passes the requested factor).
///
/// - Shrinking (scale < 1) antialiases: the kernel becomes `s * cubic(s * x)`, width 4/s.
/// - Output `o` (1-based) sits at input position `o/s + 0.5 * (1 - 1/s)`; taps start at
///   `floor(pos - width/2) - 1` and there are `ceil(width) + 2` of them.
/// - Left edge: negative taps are dropped (the reference casts them to unsigned, which
///   makes their kernel argument huge and their weight 0) and the rest renormalised.
/// - Right edge: taps past the end reflect with the edge repeated: n-1, n-1, n-2, ...
public func resizeWeights(inLength: Int, outLength: Int, scale: Double) -> ResizeWeights {
    let antialias = scale < 1
    let kernelWidth = antialias ? 4.0 * (1.0 / scale) : 4.0
    let taps = Int(kernelWidth.rounded(.up)) + 2
    var indices = [Int](repeating: 0, count: outLength * taps)
    var weights = [Double](repeating: 0, count: outLength * taps)
    let period = 2 * inLength
    for o in 0..<outLength {
        let position = 1.0 * Double(o + 1) / scale + 0.5 * (1 - 1.0 / scale)
        let left = Int((position - kernelWidth / 2).rounded(.down))
        var sum = 0.0
        for t in 0..<taps {
            let tap = left + t - 1
            guard tap >= 0 else { continue }  // dropped, weight stays 0
            let x = position - Double(tap) - 1
            let w = antialias ? scale * keysCubic(scale * x) : keysCubic(x)
            let folded = tap % period
            indices[o * taps + t] = folded < inLength ? folded : period - 1 - folded
            weights[o * taps + t] = w
            sum += w
        }
        if sum == 0 { sum = 1 }
        for t in 0..<taps { weights[o * taps + t] /= sum }
    }
    return ResizeWeights(inLength: inLength, outLength: outLength, scale: scale, taps: taps,
                         indices: indices, weights: weights)
}

/// Output length for one axis: `ceil(in * scale)` in float64, exactly as the reference
/// computes it (so 188 * 0.79918^9 = 25.000000000000004 gives 26, not 25).
public func resizedLength(_ length: Int, scale: Double) -> Int {
    let size = (Double(length) * scale).rounded(.up)
    // Nonsense (NaN, negative, astronomically large) maps to 0 instead of trapping in Int().
    guard size.isFinite, size > 0, size < 1e12 else { return 0 }
    return Int(size)
}
