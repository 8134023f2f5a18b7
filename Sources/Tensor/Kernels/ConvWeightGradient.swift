extension ConvKernels {
    /// `dw[co, ci, ky, kx] = sum_{n,oy,ox} dy[n, co, oy, ox] * x[n, ci, oy+ky, ox+kx]` and,
    /// when `biasGradient` is given, `db[co] = sum_{n,oy,ox} dy[n, co, oy, ox]`. Both overwritten.
    ///
    /// Per tile, `dW += dY_tile (outChannels x pixels) * columns_tile^T (pixels x K)`: the
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
        let plan = ConvTilePlan(batch: shape.batch, outHeight: g.outHeight, outWidth: g.outWidth,
                                columnRows: g.rows)
        let m = shape.outChannels, k = g.rows
        let outW = g.outWidth
        let outPlane = g.outHeight * outW
        let inputImage = shape.inChannels * g.planeCount
        let outputImage = m * outPlane
        let columns = (0..<plan.pieces).map {
            ConvScratch.buffer(.columns, piece: $0, count: k * plan.rowsPerTile * outW)
        }
        // Piece 0 accumulates straight into the caller's buffers; the others into scratch.
        let weightPartials = (0..<plan.pieces).map {
            $0 == 0 ? weightGradient : ConvScratch.buffer(.weightPartials, piece: $0, count: m * k)
        }
        let biasPartials: [UnsafeMutablePointer<Float>]? = biasGradient.map { db in
            (0..<plan.pieces).map { $0 == 0 ? db : ConvScratch.buffer(.biasPartials, piece: $0, count: m) }
        }

        plan.run { piece in
            let block = columns[piece]
            let dw = weightPartials[piece]
            let db = biasPartials?[piece]
            if let db { for i in 0..<m { db[i] = 0 } }
            var beta: Float = 0
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let width = (end - start) * outW
                Im2col.fill(block, from: input + image * inputImage, geometry: g, rowStart: start, rowEnd: end)
                let dy = outputGradient + image * outputImage + start * outW
                Gemm.multiply(transposeB: true, m: m, n: k, k: width, dy, lda: outPlane, block, ldb: width,
                              beta: beta, dw, ldc: k)
                beta = 1
                if let db {
                    for co in 0..<m {
                        let row = dy + co * outPlane
                        var sum: Float = 0
                        for i in 0..<width { sum += row[i] }
                        db[co] += sum
                    }
                }
            }
        }

        // Fixed-order reduction of the partials.
        for piece in 1..<max(1, plan.pieces) {
            let dw = weightPartials[piece]
            for i in 0..<(m * k) { weightGradient[i] += dw[i] }
            if let biasGradient, let db = biasPartials?[piece] {
                for i in 0..<m { biasGradient[i] += db[i] }
            }
        }
    }
}
