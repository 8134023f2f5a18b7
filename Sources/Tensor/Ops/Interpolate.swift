/// Bicubic resizing of feature maps as PyTorch's `F.interpolate(mode: "bicubic",
/// align_corners: true)` computes it: ConSinGAN carries 64-channel features between stages
/// with it, inside the generator's graph (docs/consingan.md).
///
/// The op is linear, so its gradient is its transpose and the transpose's gradient is the
/// op again: both directions are recorded, and second order comes for free.

/// The four (source index, weight) taps of every output position along one axis.
struct CubicTaps {
    let inLength: Int, outLength: Int
    let index: [Int]      // 4 per output, clamped to 0..<inLength
    let weight: [Float]   // 4 per output

    /// PyTorch's cubic convolution (A = -0.75); source x = out x * (in - 1) / (out - 1).
    init(from inLength: Int, to outLength: Int) {
        self.inLength = inLength; self.outLength = outLength
        let scale = outLength > 1 ? Float(inLength - 1) / Float(outLength - 1) : 0
        var index: [Int] = [], weight: [Float] = []
        index.reserveCapacity(4 * outLength); weight.reserveCapacity(4 * outLength)
        for o in 0..<outLength {
            let real = scale * Float(o)
            let base = Int(real.rounded(.down))
            let t = real - Float(base)
            for (j, w) in CubicTaps.weights(t).enumerated() {
                index.append(min(max(base - 1 + j, 0), inLength - 1))
                weight.append(w)
            }
        }
        self.index = index; self.weight = weight
    }

    private static func weights(_ t: Float) -> [Float] {
        let a: Float = -0.75
        func near(_ x: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }
        func far(_ x: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        return [far(t + 1), near(t), near(1 - t), far(2 - t)]
    }
}

extension Tensor {
    /// The [N, C, height, width] bicubic resize (align corners) of a [N, C, H, W] tensor.
    public func bicubicResized(height: Int, width: Int) -> Tensor {
        if height == shape[2] && width == shape[3] { return self }
        return cubicResample(self, rows: CubicTaps(from: shape[2], to: height),
                             cols: CubicTaps(from: shape[3], to: width), transposed: false)
    }
}

/// Applies the taps (or their transpose, which maps an output-sized gradient back to the
/// input size) to every plane, rows then columns.
private func cubicResample(_ x: Tensor, rows: CubicTaps, cols: CubicTaps, transposed: Bool) -> Tensor {
    let (inH, inW) = transposed ? (rows.outLength, cols.outLength) : (rows.inLength, cols.inLength)
    let (outH, outW) = transposed ? (rows.inLength, cols.inLength) : (rows.outLength, cols.outLength)
    precondition(x.shape[2] == inH && x.shape[3] == inW, "resample input of the wrong size")
    let planes = x.shape[0] * x.shape[1]
    let out = Tensor(zeros: [x.shape[0], x.shape[1], outH, outW])
    let src = x.pointer, dst = out.pointer
    Threads.forEach(min(planes, Threads.count)) { piece in
        let per = (planes + Threads.count - 1) / Threads.count
        var middle = [Float](repeating: 0, count: rows.inLength * cols.outLength)
        for plane in (piece * per)..<min(planes, (piece + 1) * per) {
            let s = src + plane * inH * inW, d = dst + plane * outH * outW
            if transposed {
                transposedPlane(s, d, &middle, rows: rows, cols: cols)
            } else {
                forwardPlane(s, d, &middle, rows: rows, cols: cols)
            }
        }
    }
    return out.recorded(transposed ? "bicubicResizeTranspose" : "bicubicResize", [x]) { g, _ in
        [cubicResample(g, rows: rows, cols: cols, transposed: !transposed)]
    }
}

/// middle[y_in][x_out] = sum_j wx * s[y_in][ix_j]; d[y_out][x_out] = sum_i wy * middle[iy_i][x_out].
private func forwardPlane(_ s: UnsafeMutablePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ middle: inout [Float],
                          rows: CubicTaps, cols: CubicTaps) {
    let inH = rows.inLength, inW = cols.inLength, outH = rows.outLength, outW = cols.outLength
    for y in 0..<inH {
        for xo in 0..<outW {
            var acc: Float = 0
            for j in 0..<4 { acc += cols.weight[4 * xo + j] * s[y * inW + cols.index[4 * xo + j]] }
            middle[y * outW + xo] = acc
        }
    }
    for yo in 0..<outH {
        for i in 0..<4 {
            let w = rows.weight[4 * yo + i], row = rows.index[4 * yo + i] * outW
            for xo in 0..<outW { d[yo * outW + xo] += w * middle[row + xo] }
        }
    }
}

/// The adjoint of `forwardPlane`: s is output-sized (rows.out x cols.out), d input-sized.
private func transposedPlane(_ s: UnsafeMutablePointer<Float>, _ d: UnsafeMutablePointer<Float>, _ middle: inout [Float],
                             rows: CubicTaps, cols: CubicTaps) {
    let inH = rows.inLength, inW = cols.inLength, outH = rows.outLength, outW = cols.outLength
    for k in 0..<(inH * outW) { middle[k] = 0 }
    for yo in 0..<outH {
        for i in 0..<4 {
            let w = rows.weight[4 * yo + i], row = rows.index[4 * yo + i] * outW
            for xo in 0..<outW { middle[row + xo] += w * s[yo * outW + xo] }
        }
    }
    for y in 0..<inH {
        for xo in 0..<outW {
            let g = middle[y * outW + xo]
            for j in 0..<4 { d[y * inW + cols.index[4 * xo + j]] += cols.weight[4 * xo + j] * g }
        }
    }
}
