// The training switches (PGGAN's and pix2pixHD's techniques, SinGAN.Switches) as settings,
// each off by default, each with its formula in `help NAME`.
import Script
import SinGAN

extension SettingField {
    static let switches: [SettingField] = [
        .int("fade", \.switches.fadeIterations, .training, "fade a new scale's residual in over this many iterations (0: off)",
             minimum: 0, maximum: 10_000_000).explained("""
            PGGAN's fade-in. While scale k < n trains, iteration i (from 0) uses
              out  = up(prev) + a * residual,       a = min(1, (i + 1) / fade)
              real = (1 - a) * up(real_k+1) + a * real_k
            so the critic and the reconstruction loss see the same blend as G makes.
            The coarsest scale has nothing to fade from and trains as usual.
            consingan: the new stage's output is weighted, in feature space,
              x_n = a * stage_n(up(x_n-1) + noise) + up(x_n-1)
            """),
        .choice("norm", \.switches.generatorNorm, .pyramid, "normalisation in G's blocks: batch, pixel or none").explained("""
            batch: conv -> BatchNorm -> LeakyReLU (SinGAN).
            pixel: conv -> LeakyReLU -> PGGAN's pixelwise feature normalisation,
              b = a / sqrt(mean over channels of a^2 + 1e-8), at every pixel.
            none:  conv -> LeakyReLU. D keeps BatchNorm in every case.
            consingan: batch leaves its own choice (set batchnorm, off by default);
            pixel and none apply to the head and every stage block. Its D has no norm.
            """),
        .flag("eqlr", \.switches.equalizedLearningRate, .pyramid, "equalized learning rate in G and D (PGGAN)").explained("""
            Every conv weight is drawn from N(0, 1) (biases start at 0) and multiplied at
            each use by the He constant sqrt(2 / fan_in), fan_in = in channels x k x k,
            so Adam's steps are the same size for every layer.
            """),
        .flag("mbstd", \.switches.minibatchStddev, .pyramid, "D appends the minibatch standard deviation (needs batch >= 2)")
            .explained("""
            Before D's last conv, in groups of min(4, batch) fakes (or reals):
              s = mean over c, y, x of sqrt(var over the group of f[c, y, x] + 1e-8)
            appended to the features as one more channel holding s. Pushes G to vary.
            """),
        .int("batch", \.switches.batch, .training, "fakes per D and G step (the real image is repeated to match)",
             maximum: 64).explained("""
            Each D step draws `batch` coarse samples and noise maps; the losses average
            over them, and the real image is repeated `batch` times (there is one). The
            gradient penalty mixes each fake with its own a. Reconstruction stays one.
            """),
        .int("dscales", \.switches.criticScales, .pyramid, "critics per scale, on the image at 1, 1/2, 1/4, ... (pix2pixHD)",
             maximum: 4).explained("""
            Critic i judges the image average-pooled i times (3x3 window, stride 2,
            padding 1, padding not counted); the adversarial losses are summed over the
            critics. A critic whose input would be smaller than the receptive field (11
            pixels by default) is left out at that scale.
            """),
        .float("fm", \.switches.featureMatchingWeight, .training, "feature-matching loss weight in G's objective (0: off)",
               within: 0...1000).explained("""
            pix2pixHD's feature matching, added to G's loss:
              fm * sum over K critics of 1/K * sum over its F block outputs of
                   4/F * mean |D_j(fake) - D_j(real)|
            (F = layers - 1; the real features carry no gradient). pix2pixHD uses 10.
            """),
        .choice("loss", \.switches.loss, .training, "adversarial loss: wgangp or lsgan").explained("""
            wgangp: D: mean D(fake) - mean D(real) + gp * mean (|dD/dx^| - 1)^2,
                    G: -mean D(fake)  (SinGAN).
            lsgan:  D: (mean (D(real) - 1)^2 + mean D(fake)^2) / 2,
                    G: mean (D(fake) - 1)^2  (pix2pixHD; no gradient penalty).
            """),
    ]

    /// A setting that takes one of an enum's names: `set norm pixel`.
    static func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ path: WritableKeyPath<SinGAN.Settings, T>,
                                                          _ phase: Phase, _ summary: String) -> SettingField
        where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        return SettingField(name: name, type: .word, phase: phase, summary: summary,
                            read: { .string($0[keyPath: path].rawValue) },
                            write: { if case .string(let s) = $1, let v = T(rawValue: s) { $0[keyPath: path] = v } },
                            validate: { value in
            guard case .string(let s) = value else { return nil }
            return T(rawValue: s) == nil ? "must be one of " + names.joined(separator: ", ") : nil
        })
    }

    /// An on/off setting: `set eqlr true`.
    static func flag(_ name: String, _ path: WritableKeyPath<SinGAN.Settings, Bool>, _ phase: Phase,
                     _ summary: String) -> SettingField {
        SettingField(name: name, type: .bool, phase: phase, summary: summary,
                     read: { .bool($0[keyPath: path]) },
                     write: { if case .bool(let b) = $1 { $0[keyPath: path] = b } },
                     validate: { _ in nil })
    }

    /// The same field with lines for `help NAME`.
    func explained(_ details: String) -> SettingField {
        var copy = self
        copy.details = details.hasSuffix("\n") ? String(details.dropLast()) : details
        return copy
    }
}
