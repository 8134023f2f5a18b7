/// The two layers the SinGAN networks are built from. Parameters are leaf tensors that
/// require gradients; `parameters` lists them in a fixed order (saved in that order).

public final class Conv2d {
    public let weight: Tensor
    public let bias: Tensor
    /// 1, or with an equalized learning rate (PGGAN) the He constant sqrt(2 / fan_in) the
    /// stored weight is multiplied by at every use.
    public let weightScale: Float

    /// Weights ~ N(0, std) as SinGAN initialises them; bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    /// as PyTorch's default (SinGAN's init leaves the bias alone). `equalized`: PGGAN's
    /// equalized learning rate instead, weights ~ N(0, 1) scaled at run time, bias 0.
    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, std: Float = 0.02,
                equalized: Bool = false, using rng: inout RandomSource) {
        let fanIn = Float(inChannels * kernel * kernel)
        weight = Tensor.normal([outChannels, inChannels, kernel, kernel], std: equalized ? 1 : std, using: &rng)
        if equalized {
            bias = Tensor(zeros: [outChannels])
        } else {
            let bound = 1 / fanIn.squareRoot()
            bias = Tensor.uniform([outChannels], low: -bound, high: bound, using: &rng)
        }
        weightScale = equalized ? (2 / fanIn).squareRoot() : 1
        weight.requiresGrad = true
        bias.requiresGrad = true
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        conv2d(x, weightScale == 1 ? weight : weight * weightScale, bias)
    }
    public var parameters: [Tensor] { [weight, bias] }
}

public final class BatchNorm2d {
    public let gamma: Tensor
    public let beta: Tensor
    public let stats: RunningStats
    /// Batch statistics while training; running statistics once frozen.
    public var training = true

    /// gamma ~ N(1, 0.02), beta = 0 (SinGAN's init).
    public init(_ channels: Int, using rng: inout RandomSource) {
        gamma = Tensor.normal([channels], mean: 1, std: 0.02, using: &rng)
        beta = Tensor(zeros: [channels])
        stats = RunningStats(channels: channels)
        gamma.requiresGrad = true
        beta.requiresGrad = true
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        batchNorm(x, gamma: gamma, beta: beta, stats: stats, training: training)
    }

    /// BatchNorm then LeakyReLU(`leakySlope`) as one fused op (one pass, one node).
    public func callAsFunction(_ x: Tensor, leakySlope: Float) -> Tensor {
        batchNormLeakyReLU(x, gamma: gamma, beta: beta, stats: stats, training: training, slope: leakySlope)
    }

    public var parameters: [Tensor] { [gamma, beta] }
}
