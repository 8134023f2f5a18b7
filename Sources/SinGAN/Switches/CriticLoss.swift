import Tensor

/// What the critic losses need of a critic: its score map and its blocks' outputs (the
/// features feature matching compares). SinGAN's `ConvStack` is one; another recipe's
/// critic conforms by providing `forward`.
public protocol Critic: AnyObject {
    func forward(_ image: Tensor) -> (output: Tensor, features: [Tensor])
}

extension ConvStack: Critic {}

/// The image as each of `count` critics sees it: as it is, average-pooled once, twice, ...
/// (pix2pixHD's 3x3, stride 2, padding 1, padding not counted).
public func criticInputs(_ image: Tensor, count: Int) -> [Tensor] {
    var out = [image]
    while out.count < count, let last = out.last { out.append(last.averagePooled3x3Stride2()) }
    return out
}

/// The adversarial objectives of D and G over all critics of a scale, with the switches'
/// choices: WGAN-GP or least squares (`loss`), and feature matching (`fm W`). Both recipes
/// can call these (critic i is given the image pooled i times); with one critic, WGAN-GP
/// and no feature matching they are SinGAN's objectives, op for op.
public struct CriticLoss {
    public let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    /// D's loss on reals and fakes ([N, 3, H, W] each, fakes without history), summed over
    /// critics. wgangp: mean D(fake) - mean D(real) + gp * penalty at x^ = a real + (1-a) fake
    /// (one `alphas` value per sample; each critic penalised on its own input);
    /// lsgan: (mean (D(real) - 1)^2 + mean D(fake)^2) / 2.
    public func discriminator(_ d: Discriminator, real: Tensor, fake: Tensor, alphas: [Float]) -> Tensor {
        discriminator(d.critics, real: real, fake: fake, alphas: alphas)
    }

    public func discriminator(_ critics: [Critic], real: Tensor, fake: Tensor, alphas: [Float]) -> Tensor {
        let values = discriminatorTerms(critics, real: real, fake: fake, alphas: alphas).map { $0() }
        return values.dropFirst().reduce(values[0]) { $0 + $1 }
    }

    /// D's loss as terms that add up to `discriminator(...)`, each built only when called, so
    /// a trainer can run backward on one term's graph before the next exists (peak memory:
    /// one critic graph at a time; the gradients add up in the leaves).
    public func discriminatorTerms(_ d: Discriminator, real: Tensor, fake: Tensor, alphas: [Float]) -> [() -> Tensor] {
        discriminatorTerms(d.critics, real: real, fake: fake, alphas: alphas)
    }

    public func discriminatorTerms(_ critics: [Critic], real: Tensor, fake: Tensor, alphas: [Float]) -> [() -> Tensor] {
        let n = critics.count
        let reals = withoutGrad { criticInputs(real, count: n) }, fakes = withoutGrad { criticInputs(fake, count: n) }
        let mixed = settings.switches.loss == .wgangp ? withoutGrad { criticInputs(interpolate(real, fake, alphas), count: n) } : []
        var terms: [() -> Tensor] = []
        for (i, critic) in critics.enumerated() {
            switch settings.switches.loss {
            case .wgangp:
                terms += [{ -self.score(critic, reals[i]).mean() }, { self.score(critic, fakes[i]).mean() },
                          { self.penalty(critic, at: mixed[i]) }]
            case .lsgan:
                terms += [{ (self.score(critic, reals[i]) - 1).square().mean() * 0.5 },
                          { self.score(critic, fakes[i]).square().mean() * 0.5 }]
            }
        }
        return terms
    }

    /// G's adversarial loss for fakes with history, summed over critics (wgangp: -mean D(fake);
    /// lsgan: mean (D(fake) - 1)^2), plus fm * the feature-matching loss when `fm` > 0.
    public func generator(_ d: Discriminator, fake: Tensor, real: Tensor) -> Tensor {
        generator(d.critics, fake: fake, real: real)
    }

    public func generator(_ critics: [Critic], fake: Tensor, real: Tensor) -> Tensor {
        let fakes = criticInputs(fake, count: critics.count)
        let matching = settings.switches.featureMatchingWeight
        let reals = matching > 0 ? withoutGrad { criticInputs(real, count: critics.count) } : []
        var total: Tensor?
        for (i, critic) in critics.enumerated() {
            let (score, features) = critic.forward(fakes[i])
            var term: Tensor
            switch settings.switches.loss {
            case .wgangp: term = -score.mean()
            case .lsgan: term = (score - 1).square().mean()
            }
            if matching > 0 {
                let target = withoutGrad { critic.forward(reals[i]).features }
                term = term + featureMatching(features, target) * (matching / Float(critics.count))
            }
            total = total.map { $0 + term } ?? term
        }
        return total ?? Tensor(zeros: [1])
    }

    /// pix2pixHD's feature matching for one critic: sum over its intermediate features of
    /// 4 / (their count) * mean |fake - real| (the real ones carry no history).
    func featureMatching(_ fake: [Tensor], _ real: [Tensor]) -> Tensor {
        let weight = 4 / Float(max(fake.count, 1))
        var sum: Tensor?
        for (f, r) in zip(fake, real) {
            let term = l1(f, r.detached()) * weight
            sum = sum.map { $0 + term } ?? term
        }
        return sum ?? Tensor(zeros: [1])
    }

    /// gp * mean over pixels of (|dD/dx^|_channels - 1)^2 (WGAN-GP).
    private func penalty(_ critic: Critic, at point: Tensor) -> Tensor {
        let mixed = point.detached()
        mixed.requiresGrad = true
        let slope = gradients(of: score(critic, mixed).sum(), wrt: [mixed], createGraph: true)[0]
        return (slope.channelNorm() - 1).square().mean() * settings.gpWeight
    }

    private func score(_ critic: Critic, _ image: Tensor) -> Tensor { critic.forward(image).output }

    /// a real + (1 - a) fake with one a per sample.
    private func interpolate(_ real: Tensor, _ fake: Tensor, _ alphas: [Float]) -> Tensor {
        if alphas.count == 1 { return real * alphas[0] + fake * (1 - alphas[0]) }
        let a = Tensor(alphas, shape: [alphas.count, 1, 1, 1])
        return real * a + fake * (1 - a)
    }
}
