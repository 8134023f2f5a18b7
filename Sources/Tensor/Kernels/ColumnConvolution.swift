/// The im2col + GEMM loop shared by the forward pass and the input gradient:
/// `output[n, m, oy, ox] = bias[m] + sum_k weights[m, k] * columns_n[k, oy*outW + ox]`,
/// where `columns_n` is the im2col matrix of image n under `geometry`.
///
/// Work is cut into tiles of whole output rows (ConvTilePlan). Each tile's im2col block
/// is written into a per-piece buffer small enough to stay in L2, and the GEMM writes
/// its result straight into the output with the output plane as leading dimension, so
/// the column matrix of the whole image never exists and nothing is copied afterwards.
enum ColumnConvolution {
    static func run(source: UnsafePointer<Float>, geometry g: Im2colGeometry,
                    weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                    outChannels: Int, output: UnsafeMutablePointer<Float>, batch: Int) {
        let plan = ConvTilePlan(batch: batch, outHeight: g.outHeight, outWidth: g.outWidth,
                                columnRows: g.rows)
        let outW = g.outWidth
        let outPlane = g.outHeight * outW
        let sourceImage = g.channels * g.planeCount
        let outputImage = outChannels * outPlane
        let k = g.rows
        let columns = (0..<plan.pieces).map {
            ConvScratch.buffer(.columns, piece: $0, count: k * plan.rowsPerTile * outW)
        }

        plan.run { piece in
            let block = columns[piece]
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let width = (end - start) * outW
                Im2col.fill(block, from: source + image * sourceImage, geometry: g,
                            rowStart: start, rowEnd: end)
                let target = output + image * outputImage + start * outW
                // Seeding C with the bias and accumulating costs one pass over a tile that
                // is in cache anyway, instead of a separate pass over the whole output.
                if let bias {
                    for m in 0..<outChannels {
                        let row = target + m * outPlane
                        let value = bias[m]
                        for i in 0..<width { row[i] = value }
                    }
                }
                Gemm.multiply(m: outChannels, n: width, k: k, weights, lda: k, block, ldb: width,
                              beta: bias == nil ? 0 : 1, target, ldc: outPlane)
            }
        }
    }
}
