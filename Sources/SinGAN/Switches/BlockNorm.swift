import Tensor

/// The block options of the switches: what follows a block's conv (`norm`), and the
/// minibatch standard deviation feature D appends before its last conv (`mbstd`).
extension ConvBlock {
    /// The block's normalisation and LeakyReLU applied to its conv output `y`:
    /// batch: LeakyReLU(BatchNorm(y)) (SinGAN); pixel: PixelNorm(LeakyReLU(y)), in the order
    /// of PGGAN's code; none: LeakyReLU(y).
    func normalized(_ y: Tensor) -> Tensor {
        switch kind {
        case .batch:
            guard let norm else { preconditionFailure("a BatchNorm block without its BatchNorm") }
            return norm(y, leakySlope: slope)
        case .pixel: return y.leakyReLU(slope).pixelNormalized()
        case .none: return y.leakyReLU(slope)
        }
    }
}

extension Tensor {
    /// D's features [N, C, H, W] with the minibatch standard deviation appended as channel C,
    /// over groups of 4 samples as PGGAN does (the whole batch when 4 does not divide it).
    func withMinibatchStddev() -> Tensor {
        concatChannels([self, minibatchStddev(groupSize: minibatchGroupSize(n))])
    }
}

/// PGGAN's group size: min(4, N), or N when that does not divide N.
func minibatchGroupSize(_ n: Int) -> Int {
    let g = min(4, n)
    return n % g == 0 ? g : n
}
