import Glibc

/// PGGAN's minibatch standard deviation (Karras et al. 2018, §3): the batch is cut into
/// groups of `groupSize` samples (sample n is member n / M of group n % M, M = N / groupSize,
/// as the reference reshapes it); per group, the standard deviation of every feature over
/// the members, `sqrt(var + 1e-8)`, is averaged over channels and pixels into one number,
/// returned as a constant [N, 1, H, W] map for each member (to be appended to D's features).
/// It sits inside D, under the gradient penalty: its backward is written with
/// differentiable ops when a graph is requested.
extension Tensor {
    public func minibatchStddev(groupSize: Int, eps: Float = 1e-8) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        precondition(groupSize >= 1 && n % groupSize == 0, "batch \(n) is not a multiple of group \(groupSize)")
        let (members, groups, features) = (groupSize, n / groupSize, c * h * w)
        let centered = Tensor(uninitialized: shape), std = Tensor(uninitialized: [1, groups, c, h * w])
        var perGroup = [Float](repeating: 0, count: groups)
        let src = pointer, cen = centered.pointer, sd = std.pointer
        perGroup.withUnsafeMutableBufferPointer { result in
            Threads.forEach(groups) { m in
                var total = 0.0
                for f in 0..<features {
                    var mean: Float = 0
                    for i in 0..<members { mean += src[(i * groups + m) * features + f] }
                    mean /= Float(members)
                    var variance: Float = 0
                    for i in 0..<members {
                        let d = src[(i * groups + m) * features + f] - mean
                        cen[(i * groups + m) * features + f] = d
                        variance += d * d
                    }
                    let s = sqrtf(variance / Float(members) + eps)
                    sd[m * features + f] = s
                    total += Double(s)
                }
                result[m] = Float(total / Double(features))
            }
        }
        let out = Tensor(uninitialized: [n, 1, h, w])
        for b in 0..<n { (out.pointer + b * h * w).update(repeating: perGroup[b % groups], count: h * w) }
        return out.recorded("minibatchStddev", [self]) { g, _ in
            // d s_m / d x = (x - mean) / (G * std) / (C * H * W), times the group's summed g.
            let scale = 1 / Float(members * features)
            if GradMode.isEnabled {
                let grouped = [members, groups, c, h * w], perFeature = [1, groups, c, h * w]
                let x4 = self.reshaped(grouped)
                let diff = x4 - x4.sum(to: perFeature) * (1 / Float(members))
                let deviation = (diff.square().sum(to: perFeature) * (1 / Float(members)) + eps).sqrt()
                let gSum = g.reshaped([members, groups, 1, h * w]).sum(to: [1, groups, 1, 1]) * scale
                return [(diff * deviation.reciprocal() * gSum).reshaped(self.shape)]
            }
            var gSums = [Float](repeating: 0, count: groups)
            for b in 0..<n { gSums[b % groups] += Float(VectorSums.sum(g.pointer + b * h * w, h * w)) }
            let dx = Tensor(uninitialized: self.shape), dp = dx.pointer
            let cen = centered.pointer, sd = std.pointer  // the forward's, kept alive by this rule
            for b in 0..<n {
                let m = b % groups, k = gSums[m] * scale
                for f in 0..<features { dp[b * features + f] = cen[b * features + f] / sd[m * features + f] * k }
            }
            return [dx]
        }
    }
}
