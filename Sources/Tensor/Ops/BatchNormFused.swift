/// Fused forms of the block every SinGAN net is built from, BatchNorm (batch statistics)
/// followed by LeakyReLU, and of BatchNorm's input gradient.
///
/// - `leakyReLU` applied to a training-mode `batchNorm` output records one node from
///   (x, gamma, beta) straight to the activation: its first-order rule is two passes over
///   the planes instead of six full-size temporaries, and the BatchNorm output is not kept.
/// - Under create-graph (the gradient penalty) BatchNorm's input gradient is one op,
///   `batchNormInputGradient`, whose own gradient is written in closed form below rather
///   than built from a dozen broadcast ops; after the fused block it takes the LeakyReLU's
///   mask too, so the masked gradient is never kept in the penalty's graph.
import Glibc

/// What a training-mode BatchNorm output remembers so a following LeakyReLU can fuse with it.
final class BatchNormRecord {
    let x: Tensor, gamma: Tensor, beta: Tensor
    let mean: [Float], invStd: [Float], eps: Float
    init(x: Tensor, gamma: Tensor, beta: Tensor, mean: [Float], invStd: [Float], eps: Float) {
        self.x = x; self.gamma = gamma; self.beta = beta; self.mean = mean; self.invStd = invStd; self.eps = eps
    }
}

// MARK: - Per-channel sums

extension Tensor {
    /// For every channel, `k` sums over its planes (images in order): `body(offset, length, acc)`
    /// adds a plane's contribution to acc[0..<k]. Deterministic for a given thread count.
    func channelSums(_ k: Int, _ body: (Int, Int, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        let c = shape4(shape)[1]
        var sums = [Double](repeating: 0, count: c * k)
        sums.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            forEachChannelPlane { ch, offset, length in body(offset, length, base + ch * k) }
        }
        return sums
    }
}

/// Runs `body(channel, planeOffsets)` once per channel, channels in parallel. Ops that need a
/// channel's sums before writing it do both in one task: with one image the plane is still
/// in cache for the second pass.
@inline(__always)
func forEachChannel(_ x: Tensor, _ body: (Int, (Int) -> Int) -> Void) {
    let s = shape4(x.shape), (images, c) = (s[0], s[1]), hw = x.count / max(s[0] * s[1], 1)
    _ = images
    Threads.forEach(c) { ch in body(ch) { b in (b * c + ch) * hw } }
}

/// sum of m(z) * g and of m(z) * g * x over a run, where m(z) = 1 where z > 0 else slope.
@inline(__always)
private func maskedSums(_ g: UnsafePointer<Float>, _ z: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                        _ n: Int, slope: Float) -> (Double, Double) {
    var total = (0.0, 0.0), lo = 0
    let one = SIMD16<Float>(repeating: 1), s = SIMD16<Float>(repeating: slope), zero = SIMD16<Float>(repeating: 0)
    while lo < n {
        let hi = min(n, lo + 4096)
        var a = SIMD16<Float>(repeating: 0), b = SIMD16<Float>(repeating: 0)
        var i = lo
        while i + 16 <= hi {
            let zv = UnsafeRawPointer(z + i).loadUnaligned(as: SIMD16<Float>.self)
            let gv = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD16<Float>.self)
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let d = gv * s.replacing(with: one, where: zv .> zero)
            a += d
            b += d * xv
            i += 16
        }
        var ta: Float = 0, tb: Float = 0
        while i < hi { let d = g[i] * (z[i] > 0 ? 1 : slope); ta += d; tb += d * x[i]; i += 1 }
        total.0 += Double(a.sum()) + Double(ta)
        total.1 += Double(b.sum()) + Double(tb)
        lo = hi
    }
    return total
}

// MARK: - BatchNorm + LeakyReLU

/// leakyReLU(batchNorm(x)) recorded as one node from x, gamma and beta. `z` is the
/// activation already computed; `record` what the BatchNorm saw.
func fuseBatchNormLeakyReLU(_ z: Tensor, _ r: BatchNormRecord, slope: Float) -> Tensor {
    let saved = z.storage  // values only: no history, no cycle
    let (x, gamma, beta, mean, invStd, eps) = (r.x, r.gamma, r.beta, r.mean, r.invStd, r.eps)
    return z.recorded("batchNormLeakyReLU", [x, gamma, beta]) { g, needed in
        if !GradMode.isEnabled {
            return batchNormLeakyBackward(g, saved, slope: slope, x, gamma, invStd, mean, needed)
        }
        if !needed[1] && !needed[2] {
            let mask = LeakyMask(values: saved, slope: slope)
            return [batchNormInputGradient(g, x, gamma, mean: mean, invStd: invStd, eps: eps, mask: mask), nil, nil]
        }
        return batchNormComposite(leakyMask(g, mask: saved, slope: slope), x, gamma, eps: eps, needed)
    }
}

/// First-order: dz = g * leaky'(z); then BatchNorm's fused backward on dz, with dz never stored.
/// dx = k (dz - mean(dz) - xh mean(dz xh)), written per channel as a dz + b x + c.
private func batchNormLeakyBackward(_ g: Tensor, _ z: Storage, slope: Float, _ x: Tensor, _ gamma: Tensor,
                                    _ invStd: [Float], _ mean: [Float], _ needed: [Bool]) -> [Tensor?] {
    let s = shape4(x.shape), (images, c) = (s[0], s[1]), hw = x.count / max(s[0] * s[1], 1)
    let m = Double(x.count / c)
    let gp = g.pointer, zp = z.pointer, xp = x.pointer
    var sumG = [Double](repeating: 0, count: c), sumGX = sumG
    let dx = needed[0] ? Tensor(uninitialized: x.shape) : nil
    let dst = dx?.pointer
    sumG.withUnsafeMutableBufferPointer { sg in
    sumGX.withUnsafeMutableBufferPointer { sgx in
        forEachChannel(x) { ch, plane in
            var a = 0.0, b = 0.0
            for image in 0..<images {
                let o = plane(image)
                let (pa, pb) = maskedSums(gp + o, zp + o, xp + o, hw, slope: slope)
                a += pa; b += pb
            }
            let inv = invStd[ch]
            sg[ch] = a
            sgx[ch] = Double(inv) * (b - Double(mean[ch]) * a)   // sum(dz * xh)
            guard let dst else { return }
            let k = gamma.pointer[ch] * inv
            let gMean = Float(a / m), gxMean = Float(sgx[ch] / m)
            let ca = k, cb = -k * gxMean * inv, cc = -k * gMean + k * gxMean * inv * mean[ch]
            for image in 0..<images {
                let o = plane(image)
                let gq = gp + o, zq = zp + o, xq = xp + o, d = dst + o
                for i in 0..<hw {
                    let dz = zq[i] > 0 ? gq[i] : gq[i] * slope
                    d[i] = ca * dz + cb * xq[i] + cc
                }
            }
        }
    }}
    _ = s
    return [dx, needed[1] ? Tensor(sumGX.map(Float.init), shape: [c]) : nil,
            needed[2] ? Tensor(sumG.map(Float.init), shape: [c]) : nil]
}

// MARK: - BatchNorm's input gradient as one op

/// dx = gamma * invstd * (g - mean(g) - xh * mean(g * xh)) with xh = (x - mean) * invstd and
/// the batch statistics of x (`mean`, `invStd`, which must be x's). Differentiable in g, x
/// and gamma: the create-graph path of BatchNorm.
///
/// With `mask` (a fused LeakyReLU after the BatchNorm) g is first multiplied by the mask:
/// the masked gradient is recomputed where needed instead of kept in the graph, which saves
/// one activation-sized tensor per block of the gradient penalty's graph.
func batchNormInputGradient(_ g: Tensor, _ x: Tensor, _ gamma: Tensor, mean: [Float], invStd: [Float],
                            eps: Float, mask: LeakyMask? = nil) -> Tensor {
    let gz = mask?.applied(to: g) ?? g
    let out = batchNormInputGradientValues(gz, x, gamma, mean: mean, invStd: invStd)
    let (gMean, gx) = (out.gMean, out.gx)
    return out.dx.recorded("batchNormInputGradient", [g, x, gamma]) { u, needed in
        if GradMode.isEnabled {
            // Third order: differentiate the composite form, with history.
            let gm = mask.map { leakyMask(g, mask: $0.values, slope: $0.slope) } ?? g
            let dx = batchNormComposite(gm, x, gamma, eps: eps, [true, false, false])[0]!
            let grads = gradients(of: (dx * u).sum(), wrt: [g, x, gamma], createGraph: true)
            return zip(grads, needed).map { $1 ? $0 : nil }
        }
        let gz = needed[1] || needed[2] ? mask?.applied(to: g) ?? g : g
        var grads = batchNormInputGradientBackward(u, gz, x, gamma, mean, invStd, gMean, gx, needed)
        if let mask, let dg = grads[0] { mask.apply(inPlace: dg); grads[0] = dg }
        return grads
    }
}

/// The values of `batchNormInputGradient` (no history) and the per-channel means of g and
/// g * xh its backward needs.
private func batchNormInputGradientValues(_ g: Tensor, _ x: Tensor, _ gamma: Tensor, mean: [Float],
                                          invStd: [Float]) -> (dx: Tensor, gMean: [Double], gx: [Double]) {
    let c = x.shape[1], m = Double(x.count / c)
    let gp = g.pointer, xp = x.pointer
    let sums = x.channelSums(2) { offset, n, acc in
        acc[0] += VectorSums.sum(gp + offset, n)
        acc[1] += VectorSums.dot(gp + offset, xp + offset, n)
    }
    // Per channel: gMean = mean(g), gx = mean(g * xh).
    let gMean = (0..<c).map { sums[2 * $0] / m }
    let gx = (0..<c).map { Double(invStd[$0]) * (sums[2 * $0 + 1] / m - Double(mean[$0]) * gMean[$0]) }
    let out = Tensor(uninitialized: x.shape)
    let dst = out.pointer
    x.forEachChannelPlane { ch, offset, length in
        let k = gamma.pointer[ch] * invStd[ch], gm = Float(gMean[ch]), gxm = Float(gx[ch])
        let a = k, b = -k * gxm * invStd[ch], cc = -k * gm + k * gxm * invStd[ch] * mean[ch]
        let gq = gp + offset, xq = xp + offset, d = dst + offset
        for i in 0..<length { d[i] = a * gq[i] + b * xq[i] + cc }
    }
    return (out, gMean, gx)
}

/// The vector-Jacobian product of `batchNormInputGradient` with u, per channel of m values,
/// k = gamma * invstd, r = g - mean(g) - xh * c, c = mean(g * xh):
///   d/dg     = k * (u - mean(u) - xh * mean(u * xh))            (the same projection)
///   d/dx     = gamma * invstd^2 * (-c (u - mean u) - mean(u xh) (g - mean g) + xh (2 c mean(u xh) - mean(u r)))
///   d/dgamma = invstd * sum(u * r)
private func batchNormInputGradientBackward(_ u: Tensor, _ g: Tensor, _ x: Tensor, _ gamma: Tensor,
                                            _ mean: [Float], _ invStd: [Float], _ gMean: [Double], _ gx: [Double],
                                            _ needed: [Bool]) -> [Tensor?] {
    let c = x.shape[1], m = Double(x.count / c)
    let up = u.pointer, gp = g.pointer, xp = x.pointer
    let needX = needed[1] || needed[2]
    let sums = x.channelSums(3) { offset, n, acc in
        acc[0] += VectorSums.sum(up + offset, n)
        acc[1] += VectorSums.dot(up + offset, xp + offset, n)
        if needX { acc[2] += VectorSums.dot(up + offset, gp + offset, n) }
    }
    var uMean = [Double](repeating: 0, count: c), uxh = uMean, ur = uMean
    for ch in 0..<c {
        uMean[ch] = sums[3 * ch] / m
        uxh[ch] = Double(invStd[ch]) * (sums[3 * ch + 1] / m - Double(mean[ch]) * uMean[ch])
        // mean(u r) = mean(u g) - mean(g) mean(u) - c mean(u xh)
        ur[ch] = sums[3 * ch + 2] / m - gMean[ch] * uMean[ch] - gx[ch] * uxh[ch]
    }
    var dg: Tensor?, dx: Tensor?
    if needed[0] {
        let out = Tensor(uninitialized: x.shape)
        let dst = out.pointer
        x.forEachChannelPlane { ch, offset, length in
            let inv = invStd[ch], k = gamma.pointer[ch] * inv, um = Float(uMean[ch]), uxm = Float(uxh[ch])
            let a = k, b = -k * uxm * inv, cc = -k * um + k * uxm * inv * mean[ch]
            let uq = up + offset, xq = xp + offset, d = dst + offset
            for i in 0..<length { d[i] = a * uq[i] + b * xq[i] + cc }
        }
        dg = out
    }
    if needed[1] {
        let out = Tensor(uninitialized: x.shape)
        let dst = out.pointer
        x.forEachChannelPlane { ch, offset, length in
            // gamma inv^2 [ -c u - uxh g + t inv x + (c um + uxh gm - t inv mean) ], t = 2 c uxh - ur
            let inv = Double(invStd[ch]), s = Double(gamma.pointer[ch]) * inv * inv
            let cc = gx[ch], t = 2 * cc * uxh[ch] - ur[ch]
            let au = Float(-s * cc), ag = Float(-s * uxh[ch]), ax = Float(s * t * inv)
            let a0 = Float(s * (cc * uMean[ch] + uxh[ch] * gMean[ch] - t * inv * Double(mean[ch])))
            let uq = up + offset, gq = gp + offset, xq = xp + offset, d = dst + offset
            for i in 0..<length { d[i] = au * uq[i] + ag * gq[i] + ax * xq[i] + a0 }
        }
        dx = out
    }
    let dgamma = needed[2] ? Tensor((0..<c).map { Float(Double(invStd[$0]) * m * ur[$0]) }, shape: [c]) : nil
    return [dg, dx, dgamma]
}
