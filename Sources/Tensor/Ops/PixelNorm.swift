import Glibc

/// PGGAN's pixelwise feature normalisation (Karras et al. 2018, §4.2): at every pixel the
/// feature vector is divided by its root mean square over channels,
/// `b = a / sqrt(mean_c(a^2) + eps)`. It sits in the generator only (never under the
/// gradient penalty), but its backward is written with differentiable ops when a graph is
/// requested, so it stays correct at any order.
extension Tensor {
    public func pixelNormalized(eps: Float = 1e-8) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let hw = h * w
        let out = Tensor(uninitialized: shape)
        let inverse = Tensor(uninitialized: [n, 1, h, w])  // 1 / rms per pixel, reused by the backward
        let src = pointer, dst = out.pointer, rms = inverse.pointer
        Threads.forRanges(n * hw, grain: 1 << 12) { range in
            for i in range {
                let (b, p) = (i / hw, i % hw)
                var s: Float = 0
                for ch in 0..<c { let v = src[(b * c + ch) * hw + p]; s += v * v }
                let r = 1 / sqrtf(s / Float(c) + eps)
                rms[i] = r
                for ch in 0..<c { dst[(b * c + ch) * hw + p] = src[(b * c + ch) * hw + p] * r }
            }
        }
        let saved = out.storage
        return out.recorded("pixelNorm", [self]) { g, _ in
            // dx = r * (g - y * mean_c(g * y)), with y = x * r.
            if GradMode.isEnabled {
                let perPixel = [n, 1, h, w]
                let r = (self.square().sum(to: perPixel) * (1 / Float(c)) + eps).rsqrt()
                let y = self * r
                return [r * (g - y * ((g * y).sum(to: perPixel) * (1 / Float(c))))]
            }
            let dx = Tensor(uninitialized: self.shape)
            let gp = g.pointer, yp = saved.pointer, dp = dx.pointer, inv = inverse.pointer
            Threads.forRanges(n * hw, grain: 1 << 12) { range in
                for i in range {
                    let (b, p) = (i / hw, i % hw)
                    var dot: Float = 0
                    for ch in 0..<c { let j = (b * c + ch) * hw + p; dot += gp[j] * yp[j] }
                    let m = dot / Float(c), r = inv[i]
                    for ch in 0..<c { let j = (b * c + ch) * hw + p; dp[j] = r * (gp[j] - yp[j] * m) }
                }
            }
            return [dx]
        }
    }
}
