/// The two layers the SinGAN networks are built from. Parameters are leaf tensors that
/// require gradients; `parameters` lists them in a fixed order (saved in that order).

public final class Conv2d {
    public let weight: Tensor
    public let bias: Tensor

    /// Weights ~ N(0, std) as SinGAN initialises them; bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    /// as PyTorch's default (SinGAN's init leaves the bias alone).
    public init(_ inChannels: Int, _ outChannels: Int, kernel: Int = 3, std: Float = 0.02,
                using rng: inout RandomSource) {
        weight = Tensor.normal([outChannels, inChannels, kernel, kernel], std: std, using: &rng)
        let bound = 1 / Float(inChannels * kernel * kernel).squareRoot()
        bias = Tensor.uniform([outChannels], low: -bound, high: bound, using: &rng)
        weight.requiresGrad = true
        bias.requiresGrad = true
    }

    public func callAsFunction(_ x: Tensor) -> Tensor { conv2d(x, weight, bias) }
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
