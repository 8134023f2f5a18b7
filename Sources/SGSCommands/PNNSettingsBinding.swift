// The settings of patch nearest-neighbour generation (`set pnnalpha 0.005`). They are the
// knobs of `pnn` sampling; the applications (`pnn retarget`, `pnn inpaint`, `pnn edit`,
// `pnn analogy`) start from GPNN's own defaults for each and take keywords instead, and
// share only pnnpatch, pnniters and pnnsearch with sampling.
import Script
import SinGAN

extension SGSSession {
    func registerPNNSettings() {
        let defaults = PNNSettings()
        func range(_ low: Double, _ high: Double) -> (Value) -> String? {
            { value in
                guard case .number(let x) = value else { return nil }
                return (low...high).contains(x) ? nil : "must be in \(Value.number(low))...\(Value.number(high))"
            }
        }
        settings.register(Setting("pnnpatch", .int, default: .number(Double(defaults.patchSize)),
            "PNN patch side in pixels: larger keeps more structure, costs ~side^2", validate: range(3, 31)))
        settings.register(Setting("pnnalpha", .any, default: .none,
            "PNN completeness, a number or none (off): small values make every input patch appear, less coherent, ~2x slower",
            validate: { value in
                if case .none = value { return nil }
                guard case .number(let x) = value else { return "must be a number or none" }
                return (1e-9...1e6).contains(x) ? nil : "must be in 1e-9...1e6 (or none)"
            }))
        settings.register(Setting("pnniters", .int, default: .number(Double(defaults.iterations)),
            "PNN replace-and-average steps per level: fewer are faster and softer", validate: range(1, 1000)))
        settings.register(Setting("pnncoarseiters", .int, default: .number(Double(defaults.coarsestIterations)),
            "PNN steps at the coarsest level: more pull the noisy start back towards a copy", validate: range(1, 1000)))
        settings.register(Setting("pnnnoise", .number, default: .number(defaults.noise),
            "PNN noise std at the coarsest level ([0, 1] image units): more is more diverse, less faithful",
            validate: range(0, 100)))
        settings.register(Setting("pnnlevels", .int, default: .number(Double(defaults.levels)),
            "PNN pyramid levels below the input: more is a smaller start and more rearrangement", validate: range(0, 40)))
        settings.register(Setting("pnnratio", .number, default: .number(defaults.ratio),
            "PNN size ratio between levels", validate: range(0.3, 0.95)))
        settings.register(Setting("pnnsearch", .string, default: .string(defaults.search.rawValue),
            "PNN nearest neighbours: hybrid (exact where small, PatchMatch where large), exact (slow), approximate",
            validate: { value in
                guard case .string(let name) = value, PNNSearch(rawValue: name) == nil else { return nil }
                return "must be one of " + PNNSearch.allCases.map(\.rawValue).joined(separator: ", ")
            }))
    }

    /// Sampling settings from the session.
    func pnnSettings() -> PNNSettings {
        var s = PNNSettings()
        s.alpha = settings.number("pnnalpha") ?? .infinity
        s.coarsestIterations = settings.int("pnncoarseiters") ?? s.coarsestIterations
        s.noise = settings.number("pnnnoise") ?? s.noise
        s.levels = settings.int("pnnlevels") ?? s.levels
        s.ratio = settings.number("pnnratio") ?? s.ratio
        return pnnShared(over: s)
    }

    /// An application's own defaults with the settings every PNN command shares.
    func pnnShared(over base: PNNSettings) -> PNNSettings {
        var s = base
        s.patchSize = settings.int("pnnpatch") ?? s.patchSize
        s.iterations = settings.int("pnniters") ?? s.iterations
        if case .string(let name) = settings["pnnsearch"], let search = PNNSearch(rawValue: name) { s.search = search }
        return s
    }

    /// `alpha`, `noise` and `levels` keywords of one call laid over `base`.
    func pnnKeywords(_ arguments: Arguments, over base: PNNSettings) throws -> PNNSettings {
        var s = base
        if arguments.declares("alpha"), let alpha = arguments.number("alpha") {
            guard alpha > 0 else {
                throw ScriptError(.runtime, "'alpha' must be > 0 (leave it out for no completeness term)", at: arguments.location(of: "alpha"))
            }
            s.alpha = alpha
        }
        if arguments.declares("noise"), let noise = arguments.number("noise") {
            guard (0...100).contains(noise) else { throw ScriptError(.runtime, "'noise' must be in 0...100", at: arguments.location(of: "noise")) }
            s.noise = noise
        }
        if arguments.declares("levels"), let levels = arguments.int("levels") {
            guard (0...40).contains(levels) else { throw ScriptError(.runtime, "'levels' must be in 0...40", at: arguments.location(of: "levels")) }
            s.levels = levels
        }
        return s
    }
}
