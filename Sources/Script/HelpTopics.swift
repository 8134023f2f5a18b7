// Help on what is not a command: the method (`help singan`), the names the language
// binds for you (`help ans`, `help n`, `help args`), and the formula behind each
// training setting (`help gp`). Plain text that reads at 80 columns.

extension Help {
    /// `help singan`: the method's formulas, in the terms of the settings.
    static let singan: [String] = [
        "SinGAN: a pyramid of small GANs, one per scale, trained on one image, coarsest first.",
        "Scales are numbered 0 (finest) to n (coarsest); `n` is the current model's n.",
        "",
        "The pyramid (settings min, max, scale, scales)",
        "  The image is shrunk so that its longer side is at most max. With r = scale",
        "  (0.75) and s the shorter side of the image:",
        "    N   = ceil(log_r(min / s)) + 1          scales before max shrinks the image",
        "    r'  = (min / s')^(1 / n)                the factor, re-fitted so the coarsest",
        "                                            shorter side lands on min (s' after max)",
        "    x_k = resize(x, r'^k), k = 0 .. n       each level straight from the image,",
        "                                            sides rounded up",
        "",
        "Generation (sample, from K, inject)",
        "    x~_n = G_n(z_n)                                   at the coarsest scale",
        "    x~_k = up(x~_k+1) + G_k(sigma_k * z_k + up(x~_k+1))    at each finer one",
        "  z_k is Gaussian noise (gray at the coarsest scale), up() the bicubic upsampling",
        "  by 1/r'. The reconstruction x^_k uses the fixed noise z* at n and 0 elsewhere.",
        "",
        "Noise amplitude (setting noise)",
        "    sigma_n = 1",
        "    sigma_k = noise * RMSE(up(x^_k+1), x_k)      noise = 0.1",
        "  A scale whose coarser reconstruction is already close gets little noise.",
        "",
        "Losses at scale k (settings gp, alpha)",
        "  The discriminator D is a patch critic (WGAN-GP):",
        "    L_D = mean D(fake) - mean D(x_k) + gp * mean_pixels((|grad D(x')| - 1)^2)",
        "    x'  = e * x_k + (1 - e) * fake,  e ~ U(0, 1), one e per image; the gradient",
        "          norm is taken per pixel over the colour channels     gp = 0.1",
        "  The generator G:",
        "    L_G   = -mean D(fake) + alpha * L_rec                          alpha = 10",
        "    L_rec = MSE(x^_k, x_k)        the reconstruction must give the image back",
        "  Each iteration: dsteps D steps, then gsteps G steps (Adam: lrd, lrg, beta1,",
        "  beta2); both learning rates are multiplied by decayfactor after decay * iters",
        "  iterations.",
        "",
        "Receptive field",
        "  D and G see layers * (kernel - 1) + 1 pixels (11 for 5 layers of 3x3):",
        "  a large share of a coarse scale (layout), a small one of a fine scale (texture).",
        "",
        "Random walk (walk z)",
        "  Z = z*; per frame, with eps ~ N(0, 1):",
        "    d  = beta * (z1 - z2) + (1 - beta) * eps           beta = 0.9 (smoothness)",
        "    z  = alpha * Z + (1 - alpha) * (z1 + d)            alpha = 0.1 (pull to Z)",
        "    z2 = z1; z1 = z",
        "",
        "More: docs/singan.md (what sgs follows and where it differs), help SETTING.",
    ]

    /// Names the language binds, which are not commands.
    static let names: [String: [String]] = [
        "ans": ["ans", "  the value of the last command or expression that gave one (not none):",
                "  `sample 1` then `save ans \"s.png\"`. The REPL echoes it; scripts set it too."],
        "n": ["n", "  the coarsest scale of the current model: scales are numbered 0 (finest) to n.",
              "  `sample 4 from n-1`, `inject img at n-2`. An error while there is no model."],
        "args": ["args", "  the script's command-line arguments, a list of strings:",
                 "  `sgs f.sgs photo.png 5` gives args = [\"photo.png\", \"5\"];",
                 "  `number(args[1])` is 5, `len(args)` is 2. Empty in the REPL."],
    ]

    /// The formula or rule behind a setting, shown under its one-line summary.
    static let settingDetails: [String: [String]] = [
        "min": ["  the coarsest scale's shorter side; with scale it sets the number of scales:",
                "  N = ceil(log_scale(min / shorter side)) + 1 (help singan)"],
        "max": ["  larger images are shrunk so that their longer side is max before the pyramid",
                "  is built; fewer scales, much faster training (time grows with the pixels)"],
        "scale": ["  the factor r between scales before it is re-fitted to the image:",
                  "  r' = (min / shorter side)^(1/n), so the coarsest side lands on min"],
        "scales": ["  forces the number of scales N instead of counting them from min and scale"],
        "channels": ["  convolution width at the coarsest scales; it doubles every doubleevery",
                     "  scales, up to maxchannels. Time grows with the square of the width."],
        "maxchannels": ["  the cap of the width as it doubles towards the finest scales"],
        "doubleevery": ["  the width doubles every this many scales (4 in the paper)"],
        "layers": ["  conv layers of G and of D; receptive field = layers * (kernel - 1) + 1"],
        "kernel": ["  conv kernel size; receptive field = layers * (kernel - 1) + 1"],
        "iters": ["  each iteration runs dsteps D steps and gsteps G steps; time is linear in iters"],
        "lrg": ["  Adam step size of G; multiplied by decayfactor after decay * iters iterations"],
        "lrd": ["  Adam step size of D; multiplied by decayfactor after decay * iters iterations"],
        "decay": ["  the learning rates drop at iteration decay * iters (1600 of 2000 by default)"],
        "decayfactor": ["  lr <- lr * decayfactor at iteration decay * iters"],
        "gp": ["  the WGAN-GP penalty weight:",
               "  L_D = mean D(fake) - mean D(real) + gp * mean((|grad D(x')| - 1)^2),",
               "  x' = e * real + (1 - e) * fake, e ~ U(0, 1) (help singan)"],
        "alpha": ["  the weight of the reconstruction loss in G's loss:",
                  "  L_G = -mean D(fake) + alpha * MSE(reconstruction, real) (help singan)"],
        "noise": ["  sigma_k = noise * RMSE(up(reconstruction at k+1), real at k); sigma_n = 1.",
                  "  More noise: more varied samples at that scale, less faithful ones."],
        "dsteps": ["  D steps per iteration (help singan: L_D)"],
        "gsteps": ["  G steps per iteration (help singan: L_G)"],
        "beta1": ["  Adam's first-moment decay (0.5 in the paper, for both networks)"],
        "beta2": ["  Adam's second-moment decay"],
    ]

    /// `help settings`: each setting with its type, default and meaning.
    static func settingsOverview(_ settings: SettingTable) -> [String] {
        var lines = ["settings (set KEY VALUE, set KEY default, reset; help KEY for one):"]
        let width = (settings.names.map(\.count).max() ?? 0) + 2
        for name in settings.names {
            guard let setting = settings.definition(name) else { continue }
            lines.append("  " + padded(name, to: width) + "\(setting.type.name), \(setting.defaultValue) - \(setting.summary)")
        }
        return lines
    }
}
