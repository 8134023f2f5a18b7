extension ConvKernels {
    /// `dw[co, ci, ky, kx] = sum_{n,oy,ox} dy[n, co, oy, ox] * x[n, ci, oy+ky, ox+kx]` and,
    /// when `biasGradient` is given, `db[co] = sum_{n,oy,ox} dy[n, co, oy, ox]`. Both overwritten.
    ///
    /// Per GEMM slice of a tile and kernel-row group, `dW_g^T += B_g (depth x pixels) *
    /// dY^T (pixels x outChannels)` with B_g the group's part of the tile's block
    /// (ColumnLayout). Computing the transpose (M = depth, N = outChannels) with dY^T copied
    /// out first, so both operands are plain row-major, measured a third faster in OpenBLAS
    /// than `dW_g += dY * B_g^T` (docs/performance.md); the copy also sums the bias gradient, and
    /// the reduction below transposes back for free. Each piece sums
    /// its own run of tiles into a private partial; the partials are then added in piece
    /// order, so the result depends on the thread count but never on scheduling.
    public static func weightGradient(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                      weightGradient: UnsafeMutablePointer<Float>,
                                      biasGradient: UnsafeMutablePointer<Float>?, shape: ConvShape) {
        shape.check()
        if shape.outChannels == 1 {
            SingleOutputConvolution.weightGradient(input: input, outputGradient: outputGradient,
                                                   weightGradient: weightGradient, biasGradient: biasGradient,
                                                   shape: shape)
            return
        }
        if NarrowConvolution.handlesWeightGradient(shape) {
            NarrowConvolution.weightGradient(input: input, outputGradient: outputGradient,
                                             weightGradient: weightGradient, biasGradient: biasGradient, shape: shape)
            return
        }
        if ConvTuning.usesWinograd(kernelHeight: shape.kernelHeight, kernelWidth: shape.kernelWidth,
                                   channels: shape.inChannels, outChannels: shape.outChannels,
                                   outPixels: shape.outHeight * shape.outWidth) {
            WinogradConvolution.weightGradient(input: input, outputGradient: outputGradient,
                                               weightGradient: weightGradient, biasGradient: biasGradient, shape: shape)
            return
        }
        let g = Im2colGeometry(channels: shape.inChannels, height: shape.height, width: shape.width,
                               kernelHeight: shape.kernelHeight, kernelWidth: shape.kernelWidth,
                               padTop: 0, padLeft: 0, outHeight: shape.outHeight, outWidth: shape.outWidth)
        let layout = ColumnLayout(geometry: g, kind: ConvTuning.layout)
        let plan = ConvTilePlan(batch: shape.batch, outHeight: g.outHeight, outWidth: g.outWidth,
                                blockFloats: layout.blockCount(rows:))
        let m = shape.outChannels, depth = layout.depth
        let outW = g.outWidth
        let outPlane = g.outHeight * outW
        let inputImage = shape.inChannels * g.planeCount
        let outputImage = m * outPlane
        let blockCount = layout.blockCount(rows: plan.rowsPerTile)
        let blocks = (0..<plan.pieces).map { ConvScratch.buffer(.columns, piece: $0, count: blockCount) }
        let weightPartials = (0..<plan.pieces).map {
            ConvScratch.buffer(.weightPartials, piece: $0, count: shape.weightCount)
        }
        let transposed = (0..<plan.pieces).map {
            ConvScratch.buffer(.transposedGradient, piece: $0, count: m * plan.rowsPerGemm * outW)
        }
        let biasPartials = (0..<plan.pieces).map { ConvScratch.buffer(.biasPartials, piece: $0, count: m) }

        plan.run { piece in
            let block = blocks[piece]
            let dw = weightPartials[piece]
            let db = biasPartials[piece]
            for i in 0..<m { db[i] = 0 }
            var beta: Float = 0
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                layout.fill(block, from: input + image * inputImage, start: start, end: end)
                let ldb = layout.blockRowLength(rows: end - start)
                let dy = outputGradient + image * outputImage + start * outW
                for row in stride(from: 0, to: end - start, by: plan.rowsPerGemm) {
                    let columns = (min(end - start, row + plan.rowsPerGemm) - row) * outW
                    let slice = dy + row * outW
                    let sliceT = transposed[piece]
                    // dY^T for the slice (pixels x outChannels), summing the bias gradient on the way.
                    for co in 0..<m {
                        let source = slice + co * outPlane
                        var sum: Float = 0
                        for i in 0..<columns {
                            let value = source[i]
                            sliceT[i * m + co] = value
                            sum += value
                        }
                        db[co] += sum
                    }
                    for group in 0..<layout.groups {
                        Gemm.multiply(m: depth, n: m, k: columns,
                                      block + layout.blockOffset(group: group, row: row), lda: ldb,
                                      sliceT, ldb: m, beta: beta, dw + group * depth * m, ldc: m)
                    }
                    beta = 1
                }
            }
        }

        // Fixed-order reduction of the partials, back into [co, ci, ky, kx] order.
        for i in 0..<shape.weightCount { weightGradient[i] = 0 }
        if let biasGradient { for i in 0..<m { biasGradient[i] = 0 } }
        for piece in 0..<plan.pieces {
            layout.addTransposedGroups(weightPartials[piece], into: weightGradient, outChannels: m)
            if let biasGradient {
                let db = biasPartials[piece]
                for i in 0..<m { biasGradient[i] += db[i] }
            }
        }
    }
}
