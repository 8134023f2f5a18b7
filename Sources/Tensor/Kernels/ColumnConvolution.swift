/// The im2col + GEMM loop shared by the forward pass and the input gradient:
/// `output[n, m, oy, ox] = bias[m] + sum_k weights[m, k] * columns_n[k, oy*outW + ox]`,
/// where `columns_n` is the im2col matrix of image n under `geometry` and `weights` is
/// the `outChannels x (channels*kh*kw)` row-major matrix.
///
/// Work is cut into tiles of whole output rows (ConvTilePlan). Each tile's block
/// (ColumnLayout) is written into a per-piece buffer small enough to stay in L2, then
/// multiplied in slices of about `ConvTuning.gemmColumns` pixels. The GEMMs write straight
/// into the output with the output plane as leading dimension, so the column matrix of
/// the whole image never exists and nothing is copied afterwards.
enum ColumnConvolution {
    static func run(source: UnsafePointer<Float>, geometry g: Im2colGeometry,
                    weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                    outChannels: Int, output: UnsafeMutablePointer<Float>, batch: Int) {
        let layout = ColumnLayout(geometry: g, kind: ConvTuning.layout)
        let plan = ConvTilePlan(batch: batch, outHeight: g.outHeight, outWidth: g.outWidth,
                                blockFloats: layout.blockCount(rows:))
        let outW = g.outWidth
        let outPlane = g.outHeight * outW
        let sourceImage = g.channels * g.planeCount
        let outputImage = outChannels * outPlane
        let depth = layout.depth
        var groupWeights = weights
        if layout.groups > 1 {
            let arranged = ConvScratch.buffer(.arrangedWeights, count: outChannels * g.rows)
            layout.arrangeWeights(weights, into: arranged, outChannels: outChannels)
            groupWeights = UnsafePointer(arranged)
        }
        let blockCount = layout.blockCount(rows: plan.rowsPerTile)
        let blocks = (0..<plan.pieces).map { ConvScratch.buffer(.columns, piece: $0, count: blockCount) }

        plan.run { piece in
            let block = blocks[piece]
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let width = (end - start) * outW
                layout.fill(block, from: source + image * sourceImage, start: start, end: end)
                let ldb = layout.blockRowLength(rows: end - start)
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
                for row in stride(from: 0, to: end - start, by: plan.rowsPerGemm) {
                    let columns = (min(end - start, row + plan.rowsPerGemm) - row) * outW
                    for group in 0..<layout.groups {
                        Gemm.multiply(m: outChannels, n: columns, k: depth,
                                      groupWeights + layout.weightOffset(group: group, outChannels: outChannels),
                                      lda: depth, block + layout.blockOffset(group: group, row: row), ldb: ldb,
                                      beta: bias == nil && group == 0 ? 0 : 1, target + row * outW, ldc: outPlane)
                    }
                }
            }
        }
    }
}
