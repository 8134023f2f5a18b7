/// Convolutions with three channels or fewer on one side and kernels three wide: the
/// generator's last layer (32 or 128 -> 3) and the weight gradient of every network's first
/// layer (3 -> 32 or 128), without im2col.
///
/// Through the column path these were the slowest work of an iteration per FLOP (15-22
/// GFLOP/s): a GEMM with M = 3 does three multiply-adds per column value it copies. Here,
/// as in SingleOutputConvolution, outputs live on a "wide" grid as wide as the input, so
/// tap (ky, kx) of wide pixel j is input pixel `j + ky*W + kx`: the input itself, offset, is
/// the operand. Forward: 3 output channels x 32 wide pixels of accumulators, one broadcast
/// weight per channel and tap against 4 vectors of input. Weight gradient: per input
/// channel and kernel row, 3 rows of dy (on the wide grid, with zeros in the wrapped
/// pixels) against one input row at the 3 offsets kx, nine vector partial sums.
/// Every sum runs in a fixed order, so the bytes depend only on the thread count.
enum NarrowConvolution {
    typealias Vector = Vector8
    /// Output channels the forward computes together; 2 or 3 use it.
    static let group = 3

    static func handlesForward(_ s: ConvShape) -> Bool {
        s.kernelWidth == 3 && (2...group).contains(s.outChannels)
    }

    static func handlesWeightGradient(_ s: ConvShape) -> Bool {
        s.kernelWidth == 3 && min(s.inChannels, s.outChannels) <= group && s.outChannels > 1
    }

    /// Tiles of output rows whose input rows and wide outputs stay in L2.
    private static func plan(_ s: ConvShape) -> ConvTilePlan {
        ConvTilePlan(batch: s.batch, outHeight: s.outHeight, outWidth: s.outWidth) { rows in
            (s.inChannels * (rows + s.kernelHeight - 1) + s.outChannels * rows) * s.width
        }
    }

    static func forward(input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                        output: UnsafeMutablePointer<Float>, shape s: ConvShape) {
        let w = s.width, outW = s.outWidth, plane = s.height * w
        let cin = s.inChannels, cout = s.outChannels, kh = s.kernelHeight, taps = kh * 3
        // Weights as [ci][tap][co of 3], missing channels zero, so a step broadcasts 3 neighbours.
        let packed = ConvScratch.buffer(.flippedWeights, count: cin * taps * group)
        for ci in 0..<cin {
            for t in 0..<taps {
                for co in 0..<group {
                    packed[(ci * taps + t) * group + co] = co < cout ? weight[(co * cin + ci) * taps + t] : 0
                }
            }
        }
        let biases = (0..<group).map { $0 < cout ? bias?[$0] ?? 0 : 0 }
        let plan = plan(s)
        let wideCount = plan.rowsPerTile * w
        let buffers = (0..<plan.pieces).map { ConvScratch.buffer(.columns, piece: $0, count: group * wideCount) }

        plan.run { piece in
            let wide = buffers[piece]
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                // The last wide row stops at outW so no read passes the input's last row.
                let count = (end - start - 1) * w + outW
                let source = input + image * cin * plane + start * w
                var j = 0
                while j + 32 <= count {
                    forwardBlock(source + j, plane: plane, width: w, channels: cin, kernelHeight: kh,
                                 weights: packed, biases: biases, into: wide + j, wideCount: wideCount)
                    j += 32
                }
                for k in j..<count {
                    forwardPixel(source + k, plane: plane, width: w, channels: cin, kernelHeight: kh,
                                 weights: packed, biases: biases, into: wide + k, wideCount: wideCount)
                }
                for co in 0..<cout {
                    let target = output + ((image * cout + co) * s.outHeight + start) * outW
                    for row in 0..<(end - start) {
                        let from = wide + co * wideCount + row * w, to = target + row * outW
                        for i in 0..<outW { to[i] = from[i] }
                    }
                }
            }
        }
    }

    /// Wide pixels 0..<32 of the 3 output channels.
    @inline(__always)
    private static func forwardBlock(_ source: UnsafePointer<Float>, plane: Int, width w: Int, channels: Int,
                                     kernelHeight kh: Int, weights: UnsafePointer<Float>, biases: [Float],
                                     into wide: UnsafeMutablePointer<Float>, wideCount: Int) {
        var a0 = Vector(repeating: biases[0]), a1 = a0, a2 = a0, a3 = a0
        var b0 = Vector(repeating: biases[1]), b1 = b0, b2 = b0, b3 = b0
        var c0 = Vector(repeating: biases[2]), c1 = c0, c2 = c0, c3 = c0
        var weight = weights
        for ci in 0..<channels {
            var row = source + ci * plane
            for _ in 0..<kh {
                for kx in 0..<3 {
                    let p = row + kx
                    let x0 = load8(p), x1 = load8(p + 8), x2 = load8(p + 16), x3 = load8(p + 24)
                    let wa = Vector(repeating: weight[0]), wb = Vector(repeating: weight[1])
                    let wc = Vector(repeating: weight[2])
                    a0 = a0.addingProduct(wa, x0); a1 = a1.addingProduct(wa, x1)
                    a2 = a2.addingProduct(wa, x2); a3 = a3.addingProduct(wa, x3)
                    b0 = b0.addingProduct(wb, x0); b1 = b1.addingProduct(wb, x1)
                    b2 = b2.addingProduct(wb, x2); b3 = b3.addingProduct(wb, x3)
                    c0 = c0.addingProduct(wc, x0); c1 = c1.addingProduct(wc, x1)
                    c2 = c2.addingProduct(wc, x2); c3 = c3.addingProduct(wc, x3)
                    weight += group
                }
                row += w
            }
        }
        for (k, (v0, v1, v2, v3)) in [(a0, a1, a2, a3), (b0, b1, b2, b3), (c0, c1, c2, c3)].enumerated() {
            let out = wide + k * wideCount
            v0.store(to: out); v1.store(to: out + 8); v2.store(to: out + 16); v3.store(to: out + 24)
        }
    }

    /// One wide pixel of the 3 output channels (the tile's last few), in the same order.
    private static func forwardPixel(_ source: UnsafePointer<Float>, plane: Int, width w: Int, channels: Int,
                                     kernelHeight kh: Int, weights: UnsafePointer<Float>, biases: [Float],
                                     into wide: UnsafeMutablePointer<Float>, wideCount: Int) {
        var sums = (biases[0], biases[1], biases[2])
        var weight = weights
        for ci in 0..<channels {
            var row = source + ci * plane
            for _ in 0..<kh {
                for kx in 0..<3 {
                    let x = row[kx]
                    sums.0 = sums.0.addingProduct(weight[0], x)
                    sums.1 = sums.1.addingProduct(weight[1], x)
                    sums.2 = sums.2.addingProduct(weight[2], x)
                    weight += group
                }
                row += w
            }
        }
        wide[0] = sums.0; wide[wideCount] = sums.1; wide[2 * wideCount] = sums.2
    }

    static func weightGradient(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                               weightGradient: UnsafeMutablePointer<Float>,
                               biasGradient: UnsafeMutablePointer<Float>?, shape s: ConvShape) {
        let w = s.width, outW = s.outWidth, plane = s.height * w, outPlane = s.outHeight * outW
        let cin = s.inChannels, cout = s.outChannels, kh = s.kernelHeight, taps = kh * 3
        let plan = plan(s)
        let wideCount = plan.rowsPerTile * w
        let buffers = (0..<plan.pieces).map { ConvScratch.buffer(.columns, piece: $0, count: cout * wideCount) }
        let partials = (0..<plan.pieces).map {
            ConvScratch.buffer(.weightPartials, piece: $0, count: s.weightCount + cout)
        }

        plan.run { piece in
            let wide = buffers[piece]
            let partial = partials[piece]  // weights, then the biases
            partial.update(repeating: 0, count: s.weightCount + cout)
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let count = (end - start - 1) * w + outW
                for co in 0..<cout {
                    let dy = outputGradient + (image * cout + co) * outPlane + start * outW
                    let to = wide + co * wideCount
                    var sum: Float = 0
                    for row in 0..<(end - start) {
                        for i in 0..<outW {
                            to[row * w + i] = dy[row * outW + i]
                            sum += dy[row * outW + i]
                        }
                        for i in outW..<w { to[row * w + i] = 0 }  // wrapped pixels
                    }
                    partial[s.weightCount + co] += sum
                }
                let source = input + image * cin * plane + start * w
                for co in stride(from: 0, to: cout, by: group) {
                    let rows = min(group, cout - co)
                    for ci in 0..<cin {
                        for ky in 0..<kh {
                            let dw = partial + (co * cin + ci) * taps + ky * 3
                            accumulateDots(rows: rows, wide + co * wideCount, rowStride: wideCount,
                                           source + ci * plane + ky * w, count: count,
                                           into: dw, outputStride: cin * taps)
                        }
                    }
                }
            }
        }

        // Fixed-order reduction, as in the general weight gradient.
        weightGradient.update(repeating: 0, count: s.weightCount)
        if let biasGradient { biasGradient.update(repeating: 0, count: cout) }
        for partial in partials {
            for i in 0..<s.weightCount { weightGradient[i] += partial[i] }
            if let biasGradient { for co in 0..<cout { biasGradient[co] += partial[s.weightCount + co] } }
        }
    }

    /// `out[r * outputStride + kx] += sum_{j < count} a[r * rowStride + j] * b[j + kx]` for
    /// r < rows (at most 3) and kx < 3.
    private static func accumulateDots(rows: Int, _ a: UnsafePointer<Float>, rowStride: Int,
                                       _ b: UnsafePointer<Float>, count: Int,
                                       into out: UnsafeMutablePointer<Float>, outputStride: Int) {
        // Missing rows read row 0 again and are not stored: one loop serves 1-3 rows.
        let a0 = a, a1 = rows > 1 ? a + rowStride : a, a2 = rows > 2 ? a + 2 * rowStride : a
        var s00 = Vector(), s01 = Vector(), s02 = Vector()
        var s10 = Vector(), s11 = Vector(), s12 = Vector()
        var s20 = Vector(), s21 = Vector(), s22 = Vector()
        var j = 0
        while j + 8 <= count {
            let x0 = load8(b + j), x1 = load8(b + j + 1), x2 = load8(b + j + 2)
            let y0 = load8(a0 + j), y1 = load8(a1 + j), y2 = load8(a2 + j)
            s00 = s00.addingProduct(y0, x0); s01 = s01.addingProduct(y0, x1); s02 = s02.addingProduct(y0, x2)
            s10 = s10.addingProduct(y1, x0); s11 = s11.addingProduct(y1, x1); s12 = s12.addingProduct(y1, x2)
            s20 = s20.addingProduct(y2, x0); s21 = s21.addingProduct(y2, x1); s22 = s22.addingProduct(y2, x2)
            j += 8
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 9) { sums in
            for (i, v) in [s00, s01, s02, s10, s11, s12, s20, s21, s22].enumerated() { sums[i] = v.sum() }
            for k in j..<count {
                for kx in 0..<3 {
                    let x = b[k + kx]
                    sums[kx] = sums[kx].addingProduct(a0[k], x)
                    sums[3 + kx] = sums[3 + kx].addingProduct(a1[k], x)
                    sums[6 + kx] = sums[6 + kx].addingProduct(a2[k], x)
                }
            }
            for r in 0..<rows {
                for kx in 0..<3 { out[r * outputStride + kx] += sums[3 * r + kx] }
            }
        }
    }


}
