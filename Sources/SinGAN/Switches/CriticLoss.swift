import Tensor

/// The adversarial objectives of D and G over all critics of a scale, with the switches'
/// choices: WGAN-GP or least squares (`loss`), and feature matching (`fm W`). Both recipes
/// call these; with one critic, WGAN-GP and no feature matching they are SinGAN's
/// objectives, op for op.
public struct CriticLoss {
    public let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    /// D's loss on reals and fakes ([N, 3, H, W] each, fakes without history), summed over
    /// critics. wgangp: mean D(fake) - mean D(real) + gp * penalty at x^ = a real + (1-a) fake
    /// (one `alphas` value per sample; each critic penalised on its own input);
    /// lsgan: (mean (D(real) - 1)^2 + mean D(fake)^2) / 2.
    public func discriminator(_ d: Discriminator, real: Tensor, fake: Tensor, alphas: [Float]) -> Tensor {
        let reals = withoutGrad { d.inputs(for: real) }, fakes = withoutGrad { d.inputs(for: fake) }
        let mixed = settings.switches.loss == .wgangp ? withoutGrad { d.inputs(for: interpolate(real, fake, alphas)) } : []
        var total: Tensor?
        for (i, critic) in d.critics.enumerated() {
            let term: Tensor
            switch settings.switches.loss {
            case .wgangp:
                term = -critic(reals[i]).mean() + critic(fakes[i]).mean() + penalty(critic, at: mixed[i])
            case .lsgan:
                term = ((critic(reals[i]) - 1).square().mean() + critic(fakes[i]).square().mean()) * 0.5
            }
            total = total.map { $0 + term } ?? term
        }
        return total ?? Tensor(zeros: [1])
    }

    /// G's adversarial loss for fakes with history, summed over critics (wgangp: -mean D(fake);
    /// lsgan: mean (D(fake) - 1)^2), plus fm * the feature-matching loss when `fm` > 0.
    public func generator(_ d: Discriminator, fake: Tensor, real: Tensor) -> Tensor {
        let fakes = d.inputs(for: fake)
        let matching = settings.switches.featureMatchingWeight
        let reals = matching > 0 ? withoutGrad { d.inputs(for: real) } : []
        var total: Tensor?
        for (i, critic) in d.critics.enumerated() {
            let (score, features) = critic.forward(fakes[i])
            var term: Tensor
            switch settings.switches.loss {
            case .wgangp: term = -score.mean()
            case .lsgan: term = (score - 1).square().mean()
            }
            if matching > 0 {
                let target = withoutGrad { critic.forward(reals[i]).features }
                term = term + featureMatching(features, target) * (matching / Float(d.critics.count))
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
    private func penalty(_ critic: ConvStack, at point: Tensor) -> Tensor {
        let mixed = point.detached()
        mixed.requiresGrad = true
        let slope = gradients(of: critic(mixed).sum(), wrt: [mixed], createGraph: true)[0]
        return (slope.channelNorm() - 1).square().mean() * settings.gpWeight
    }

    /// a real + (1 - a) fake with one a per sample.
    private func interpolate(_ real: Tensor, _ fake: Tensor, _ alphas: [Float]) -> Tensor {
        if alphas.count == 1 { return real * alphas[0] + fake * (1 - alphas[0]) }
        let a = Tensor(alphas, shape: [alphas.count, 1, 1, 1])
        return real * a + fake * (1 - a)
    }
}
