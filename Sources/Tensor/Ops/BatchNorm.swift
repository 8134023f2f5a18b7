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
    let (out, mean, invStd) = batchNormForward(x, gamma, beta, stats, training: training, eps: eps, slope: nil)
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

/// leakyReLU(batchNorm(x), slope) in one pass over the data, recorded as one node: the same
/// values and gradients as the two ops (`slope` > 0; otherwise it is exactly the two ops).
public func batchNormLeakyReLU(_ x: Tensor, gamma: Tensor, beta: Tensor, stats: RunningStats,
                               training: Bool, slope: Float, eps: Float = 1e-5) -> Tensor {
    guard slope > 0 else {
        return batchNorm(x, gamma: gamma, beta: beta, stats: stats, training: training, eps: eps).leakyReLU(slope)
    }
    let (out, mean, invStd) = batchNormForward(x, gamma, beta, stats, training: training, eps: eps, slope: slope)
    if training {
        let record = BatchNormRecord(x: x, gamma: gamma, beta: beta, mean: mean, invStd: invStd, eps: eps)
        return fuseBatchNormLeakyReLU(out, record, slope: slope)
    }
    let saved = out.storage
    return out.recorded("batchNormLeakyReLU", [x, gamma, beta]) { g, needed in
        batchNormFrozenBackward(leakyMask(g, mask: saved, slope: slope), x, gamma, invStd, mean, needed)
    }
}

/// The forward pass shared by both: statistics, running-statistics update, and
/// out = x * scale + shift (then LeakyReLU when `slope` is given). One task per channel
/// computes its statistics and then writes its planes, so with one image the plane is still
/// in cache for the second and third pass.
private func batchNormForward(_ x: Tensor, _ gamma: Tensor, _ beta: Tensor, _ stats: RunningStats,
                              training: Bool, eps: Float, slope: Float?) -> (Tensor, [Float], [Float]) {
    let s = shape4(x.shape), (images, c) = (s[0], s[1]), hw = x.count / max(s[0] * s[1], 1)
    var mean = training ? [Float](repeating: 0, count: c) : stats.mean
    var variance = training ? [Float](repeating: 0, count: c) : stats.variance
    var invStd = [Float](repeating: 0, count: c)
    let out = Tensor(uninitialized: x.shape)
    let src = x.pointer, dst = out.pointer, gp = gamma.pointer, bp = beta.pointer
    let m = Double(images * hw)
    mean.withUnsafeMutableBufferPointer { meanP in
    variance.withUnsafeMutableBufferPointer { varP in
    invStd.withUnsafeMutableBufferPointer { invP in
        Threads.forEach(c) { ch in
            if training {
                var sum = 0.0
                for b in 0..<images { sum += VectorSums.sum(src + (b * c + ch) * hw, hw) }
                let mu = Float(sum / m)
                var squares = 0.0
                for b in 0..<images { squares += VectorSums.squaredDeviation(src + (b * c + ch) * hw, hw, from: mu) }
                meanP[ch] = mu
                varP[ch] = Float(squares / m)
            }
            let inv = 1 / sqrtf(varP[ch] + eps)
            invP[ch] = inv
            let a = gp[ch] * inv, shift = bp[ch] - meanP[ch] * a
            for b in 0..<images {
                let p = src + (b * c + ch) * hw, q = dst + (b * c + ch) * hw
                if let slope {
                    for i in 0..<hw { let y = p[i] * a + shift; q[i] = y > 0 ? y : y * slope }
                } else {
                    for i in 0..<hw { q[i] = p[i] * a + shift }
                }
            }
        }
    }}}
    if training {
        let count = Float(x.count / c), unbias = count > 1 ? count / (count - 1) : 1
        for ch in 0..<c {
            stats.mean[ch] += stats.momentum * (mean[ch] - stats.mean[ch])
            stats.variance[ch] += stats.momentum * (variance[ch] * unbias - stats.variance[ch])
        }
    }
    return (out, mean, invStd)
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
