// The knobs of patch nearest-neighbour generation (GPNN, Granot et al., CVPR 2022), in the
// units of the official code (images in [0, 1], distances as a mean over the patch's values),
// so its published defaults carry over (docs/pnn.md: the method, the sources, the traps).

/// How nearest neighbours are found at each level of the pyramid.
public enum PNNSearch: String, Sendable, CaseIterable {
    /// Exact search (blocked sgemm) where a level is small, PatchMatch where it is large.
    case hybrid
    /// Exact search everywhere: the reference behaviour, tens of seconds per sample.
    case exact
    /// PatchMatch everywhere (the coarsest level included).
    case approximate
}

public struct PNNSettings: Sendable {
    /// Patch side in pixels (GPNN: 7). Larger keeps more structure, costs ~p^2.
    public var patchSize = 7
    /// Completeness weight (GPNN's alpha, on the [0, 1] mean-square scale). Infinity turns the
    /// completeness term off (plain nearest neighbours, the official default for generation);
    /// small values push every input patch to appear (retargeting 1e-3, analogies 5e-3).
    public var alpha = Double.infinity
    /// Replace-and-average steps per level below the coarsest (GPNN: 10).
    public var iterations = 10
    /// Steps at the coarsest level (GPNN: 1 for generation, 10 for retargeting).
    public var coarsestIterations = 1
    /// Std of the noise added to the coarsest image, in [0, 1] image units (GPNN: 0.75).
    public var noise = 0.75
    /// Size ratio between pyramid levels (GPNN: 0.75).
    public var ratio = 0.75
    /// Downscalings below the input (GPNN: 9 for generation, 5 for editing and analogies).
    public var levels = 9
    public var search = PNNSearch.hybrid
    /// In hybrid search, a level whose query x key patch pairs exceed this uses PatchMatch.
    public var exactPairs = 5_000_000

    public init() {}

    /// The official defaults of each application (gpnn.md, table "Per application").
    public static var generation: PNNSettings { PNNSettings() }

    public static var retargeting: PNNSettings {
        var s = PNNSettings()
        s.alpha = 1e-3
        s.coarsestIterations = 10
        s.ratio = 0.8
        s.noise = 0
        return s
    }

    /// Inpainting, editing and analogies keep the layout: 5 levels, no noise.
    public static var layoutPreserving: PNNSettings {
        var s = PNNSettings()
        s.levels = 5
        s.noise = 0
        return s
    }

    public static var analogy: PNNSettings {
        var s = layoutPreserving
        s.alpha = 5e-3
        return s
    }

    /// Alpha on the scale the search works in: sums of squares over 3p^2 values in [-1, 1]
    /// (4x the [0, 1] squares). Nil when the completeness term is off.
    var internalAlpha: Float? {
        guard alpha.isFinite else { return nil }
        return Float(alpha * 4 * Double(3 * patchSize * patchSize))
    }
}

public struct PNNError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
