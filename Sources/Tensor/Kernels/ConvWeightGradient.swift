extension ConvKernels {
    /// `dw[co, ci, ky, kx] = sum_{n,oy,ox} dy[n, co, oy, ox] * x[n, ci, oy+ky, ox+kx]` and,
    /// when `biasGradient` is given, `db[co] = sum_{n,oy,ox} dy[n, co, oy, ox]`. Both overwritten.
    ///
    /// Per tile and kernel-row group, `dW_g += dY_tile (outChannels x pixels) * B_g^T
    /// (pixels x depth)` with B_g the group's slice of the tile's block (ColumnLayout): the
    /// reduction runs over the long pixel dimension, which suits GEMM well. Each piece sums
    /// its own run of tiles into a private partial; the partials are then added in piece
    /// order, so the result depends on the thread count but never on scheduling.
    public static func weightGradient(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                      weightGradient: UnsafeMutablePointer<Float>,
                                      biasGradient: UnsafeMutablePointer<Float>?, shape: ConvShape) {
        shape.check()
        let g = Im2colGeometry(channels: shape.inChannels, height: shape.height, width: shape.width,
                               kernelHeight: shape.kernelHeight, kernelWidth: shape.kernelWidth,
                               padTop: 0, padLeft: 0, outHeight: shape.outHeight, outWidth: shape.outWidth)
        let layout = ColumnLayout(geometry: g, kind: ConvTuning.layout)
        let plan = ConvTilePlan(batch: shape.batch, outHeight: g.outHeight, outWidth: g.outWidth,
                                columnRows: layout.depth)
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
        let biasPartials = (0..<plan.pieces).map { ConvScratch.buffer(.biasPartials, piece: $0, count: m) }

        plan.run { piece in
            let block = blocks[piece]
            let dw = weightPartials[piece]
            let db = biasPartials[piece]
            for i in 0..<m { db[i] = 0 }
            var beta: Float = 0
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let width = (end - start) * outW
                layout.fill(block, from: input + image * inputImage, start: start, end: end)
                let ldb = layout.blockRowLength(rows: end - start)
                let dy = outputGradient + image * outputImage + start * outW
                for group in 0..<layout.groups {
                    Gemm.multiply(transposeB: true, m: m, n: depth, k: width, dy, lda: outPlane,
                                  block + layout.blockOffset(group: group), ldb: ldb, beta: beta,
                                  dw + layout.weightOffset(group: group, outChannels: m), ldc: depth)
                }
                beta = 1
                if biasGradient != nil {
                    for co in 0..<m {
                        let row = dy + co * outPlane
                        var sum: Float = 0
                        for i in 0..<width { sum += row[i] }
                        db[co] += sum
                    }
                }
            }
        }

        // Fixed-order reduction of the partials, back into [co, ci, ky, kx] order.
        for i in 0..<shape.weightCount { weightGradient[i] = 0 }
        if let biasGradient { for i in 0..<m { biasGradient[i] = 0 } }
        for piece in 0..<plan.pieces {
            layout.addArrangedWeights(weightPartials[piece], into: weightGradient, outChannels: m)
            if let biasGradient {
                let db = biasPartials[piece]
                for i in 0..<m { biasGradient[i] += db[i] }
            }
        }
    }
}
