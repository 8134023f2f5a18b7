import Glibc

/// The running statistics BatchNorm keeps for use once a network is frozen.
public final class RunningStats {
    public var mean: [Float]
    public var variance: [Float]
    public let momentum: Float

    public init(channels: Int, momentum: Float = 0.1) {
        mean = Array(repeating: 0, count: channels)
        variance = Array(repeating: 1, count: channels)
        self.momentum = momentum
    }
}

/// BatchNorm2d over N*H*W per channel: batch statistics when `training` (and the running
/// statistics updated with unbiased variance, as PyTorch does), running statistics otherwise.
/// gamma and beta have shape [C].
public func batchNorm(_ x: Tensor, gamma: Tensor, beta: Tensor, stats: RunningStats,
                      training: Bool, eps: Float = 1e-5) -> Tensor {
    let c = x.shape[1]
    let (mean, variance) = training ? channelMoments(x) : (stats.mean, stats.variance)
    if training {
        let m = Float(x.count / c), unbias = m > 1 ? m / (m - 1) : 1
        for ch in 0..<c {
            stats.mean[ch] += stats.momentum * (mean[ch] - stats.mean[ch])
            stats.variance[ch] += stats.momentum * (variance[ch] * unbias - stats.variance[ch])
        }
    }
    let invStd = variance.map { 1 / sqrtf($0 + eps) }
    let out = Tensor(uninitialized: x.shape)
    let scale = (0..<c).map { gamma.pointer[$0] * invStd[$0] }
    let shift = (0..<c).map { beta.pointer[$0] - mean[$0] * scale[$0] }
    x.forEachChannelPlane { ch, offset, length in
        let src = x.pointer + offset, dst = out.pointer + offset
        let a = scale[ch], b = shift[ch]
        for i in 0..<length { dst[i] = src[i] * a + b }
    }
    out.recorded("batchNorm", [x, gamma, beta]) { g, needed in
        if !training { return batchNormFrozenBackward(g, x, gamma, invStd, mean, needed) }
        if !GradMode.isEnabled { return batchNormFusedBackward(g, x, gamma, invStd, mean, needed) }
        if !needed[1] && !needed[2] {
            return [batchNormInputGradient(g, x, gamma, mean: mean, invStd: invStd, eps: eps), nil, nil]
        }
        return batchNormComposite(g, x, gamma, eps: eps, needed)
    }
    if training && out.gradFn != nil {
        out.batchNormRecord = BatchNormRecord(x: x, gamma: gamma, beta: beta, mean: mean, invStd: invStd, eps: eps)
    }
    return out
}

/// Per-channel mean and biased variance, in a fixed order.
func channelMoments(_ x: Tensor) -> ([Float], [Float]) {
    let m = Double(x.count / x.shape[1])
    let means = x.channelSums { p, n, _ in VectorSums.sum(p, n) }.map { Float($0 / m) }
    let squares = x.channelSums { p, n, ch in VectorSums.squaredDeviation(p, n, from: means[ch]) }
    return (means, squares.map { Float($0 / m) })
}

extension Tensor {
    /// Per channel, the total of `planeSum(start, length, channel)` over the images, in a
    /// fixed order.
    func channelSums(_ planeSum: (UnsafePointer<Float>, Int, Int) -> Double) -> [Double] {
        var sums = [Double](repeating: 0, count: shape4(shape)[1])
        sums.withUnsafeMutableBufferPointer { out in
            forEachChannelPlane { ch, offset, length in
                out[ch] += planeSum(pointer + offset, length, ch)
            }
        }
        return sums
    }

    /// Calls `body(channel, offset, length)` for every (image, channel) plane, channels in
    /// parallel, images of one channel in order (so per-channel accumulation is race-free
    /// and deterministic).
    @inline(__always)
    func forEachChannelPlane(_ body: (Int, Int, Int) -> Void) {
        let s = shape4(shape), (n, c) = (s[0], s[1]), hw = count / max(n * c, 1)
        Threads.forEach(c) { ch in
            for b in 0..<n { body(ch, (b * c + ch) * hw, hw) }
        }
    }
}

/// dx = gamma*invstd*(g - mean(g) - xh*mean(g*xh)), dgamma = sum(g*xh), dbeta = sum(g).
private func batchNormFusedBackward(_ g: Tensor, _ x: Tensor, _ gamma: Tensor, _ invStd: [Float],
                                    _ mean: [Float], _ needed: [Bool]) -> [Tensor?] {
    let c = x.shape[1], m = Double(x.count / c)
    // sum(g * xh) = invstd * (sum(g * x) - mean * sum(g))
    let sumG = g.channelSums { p, n, _ in VectorSums.sum(p, n) }
    let sumGTimesX = x.channelSums { p, n, _ in
        let offset = p - UnsafePointer(x.pointer)
        return VectorSums.dot(g.pointer + offset, p, n)
    }
    let sumGX = (0..<c).map { Double(invStd[$0]) * (sumGTimesX[$0] - Double(mean[$0]) * sumG[$0]) }
    var dx: Tensor?
    if needed[0] {
        let out = Tensor(uninitialized: x.shape)
        x.forEachChannelPlane { ch, offset, length in
            // k (g - mean(g) - xh mean(g xh)) with xh = (x - mean) invstd, as a g + b x + c.
            let k = gamma.pointer[ch] * invStd[ch]
            let gMean = Float(sumG[ch] / m), gxMean = Float(sumGX[ch] / m)
            let a = k, b = -k * gxMean * invStd[ch], c = -k * gMean + k * gxMean * invStd[ch] * mean[ch]
            let gp = g.pointer + offset, xp = x.pointer + offset, dst = out.pointer + offset
            for i in 0..<length { dst[i] = a * gp[i] + b * xp[i] + c }
        }
        dx = out
    }
    return [dx, needed[1] ? Tensor(sumGX.map(Float.init), shape: [c]) : nil,
            needed[2] ? Tensor(sumG.map(Float.init), shape: [c]) : nil]
}

/// The training-mode backward written with differentiable ops, recomputing the statistics
/// from `x` so that a second derivative sees how they depend on it.
func batchNormComposite(_ g: Tensor, _ x: Tensor, _ gamma: Tensor, eps: Float, _ needed: [Bool]) -> [Tensor?] {
    let c = x.shape[1], perChannel = [1, c, 1, 1], m = Float(x.count / c)
    let centered = x - x.sum(to: perChannel) * (1 / m)
    let invStd = ((centered.square().sum(to: perChannel) * (1 / m)) + eps).rsqrt()
    let xh = centered * invStd
    let gSum = g.sum(to: perChannel), gxSum = (g * xh).sum(to: perChannel)
    let dx = needed[0] ? gamma.reshaped(perChannel) * invStd * (g - gSum * (1 / m) - xh * (gxSum * (1 / m))) : nil
    return [dx, needed[1] ? gxSum.reshaped([c]) : nil, needed[2] ? gSum.reshaped([c]) : nil]
}

/// With running statistics BatchNorm is a fixed per-channel affine map.
private func batchNormFrozenBackward(_ g: Tensor, _ x: Tensor, _ gamma: Tensor, _ invStd: [Float],
                                     _ mean: [Float], _ needed: [Bool]) -> [Tensor?] {
    let c = x.shape[1], perChannel = [1, c, 1, 1]
    let invStd4 = Tensor(invStd, shape: perChannel), mean4 = Tensor(mean, shape: perChannel)
    let xh = (x - mean4) * invStd4
    return [needed[0] ? g * (gamma.reshaped(perChannel) * invStd4) : nil,
            needed[1] ? (g * xh).sum(to: perChannel).reshaped([c]) : nil,
            needed[2] ? g.sum(to: perChannel).reshaped([c]) : nil]
}
