/// 3x3 convolutions by Winograd's F(m x m, 3 x 3) (WinogradTransform), for the layers with
/// enough channels on both sides (`ConvTuning.usesWinograd`).
///
/// The output is cut into m x m tiles; bands of whole tile rows are the parallel work units
/// (ConvTilePlan over tile rows, as the direct kernels use output rows). Per band:
/// the input tiles of every channel are transformed into `V[p][c][t]` (WinogradTiles.gather),
/// then for each of the alpha^2 points p one GEMM (PointGemm)
/// `M[p] (cout x tiles) = U[p] (cout x cin) * V[p] (cin x tiles)` with the transformed
/// kernels U, then the output transform writes the band's output rows (WinogradTiles.scatter).
/// The GEMMs do all of the channel mixing, so their share of the work is 9 m^2 / alpha^2 times
/// smaller than the direct form's.
enum WinogradConvolution {
    /// Forward (and, with padding and flipped kernels, the input gradient):
    /// `output[n, co] = bias[co] + sum_ci kernels[co, ci] (*) source[n, ci]` read through `g`
    /// (a 3x3 window, the source zero-padded by g.padTop/g.padLeft).
    static func run(source: UnsafePointer<Float>, geometry g: Im2colGeometry,
                    kernels: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                    outChannels: Int, output: UnsafeMutablePointer<Float>, batch: Int) {
        let w = WinogradTransform.of(ConvTuning.winogradTile)
        let cin = g.channels, cout = outChannels, points = w.points
        let tilesDown = (g.outHeight + w.m - 1) / w.m, tilesAcross = (g.outWidth + w.m - 1) / w.m
        let tiles = WinogradTiles(m: w.m, alpha: w.alpha, tilesAcross: tilesAcross)
        let u = ConvScratch.buffer(.winogradKernels, count: points * cout * cin)
        w.transformKernels(kernels, rows: cout, columns: cin, into: u)
        let plan = winogradPlan(batch: batch, tilesDown: tilesDown, tilesAcross: tilesAcross,
                                floatsPerTile: points * (cin + cout))
        let band = tiles.slots(rows: plan.rowsPerTile)
        let buffers = (0..<plan.pieces).map { piece in
            (v: ConvScratch.buffer(.columns, piece: piece, count: points * (cin * band + pointPadding)),
             m: ConvScratch.buffer(.winogradProducts, piece: piece, count: points * (cout * band + pointPadding)),
             scratch: ConvScratch.buffer(.winogradScratch, piece: piece, count: tiles.scratchCount(
                rows: plan.rowsPerTile, channels: tiles.channelsPerCall(rows: plan.rowsPerTile, channels: max(cin, cout)))))
        }
        let matrixB = SparseRows(w.inputMatrix, rows: w.alpha, columns: w.alpha)
        let matrixA = SparseRows(w.outputMatrix, rows: w.m, columns: w.alpha)
        let sourceImage = cin * g.planeCount, outPlane = g.outHeight * g.outWidth

        plan.run { piece in
            let (v, products, scratch) = buffers[piece]
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let count = tiles.slots(rows: end - start)
                let vPoint = cin * count + pointPadding, mPoint = cout * count + pointPadding
                let chunk = tiles.channelsPerCall(rows: plan.rowsPerTile, channels: cin)
                for c in stride(from: 0, to: cin, by: chunk) {
                    tiles.gather(source + image * sourceImage + c * g.planeCount, planeStride: g.planeCount,
                                 channels: min(chunk, cin - c), height: g.height, width: g.width,
                                 padTop: g.padTop, padLeft: g.padLeft, tileRows: start, rows: end - start,
                                 taps: w.alpha, matrix: matrixB, into: v + c * count, pointStride: vPoint, scratch: scratch)
                }
                for p in 0..<points {
                    PointGemm.multiply(m: cout, n: count, k: cin, a: u + p * cout * cin, lda: cin,
                                       b: v + p * vPoint, ldb: count, c: products + p * mPoint, ldc: count)
                }
                let outChunk = tiles.channelsPerCall(rows: plan.rowsPerTile, channels: cout)
                for co in stride(from: 0, to: cout, by: outChunk) {
                    tiles.scatter(products + co * count, pointStride: mPoint, matrix: matrixA,
                                  tileRows: start, rows: end - start, channels: min(outChunk, cout - co),
                                  into: output + (image * cout + co) * outPlane, outPlane: outPlane,
                                  outHeight: g.outHeight, outWidth: g.outWidth, bias: bias.map { $0 + co },
                                  scratch: scratch)
                }
            }
        }
    }

    /// The weight gradient as the adjoint of the forward: per band, the output-gradient tiles
    /// transformed by A (`dM[p][co][t]`), the input tiles by B^T as in the forward, then per
    /// point `dU[p] += dM[p] * V[p]^T` into a per-piece partial; the partials are added in piece
    /// order and mapped back with `G^T dU G`. Bias gradient: plain sums of dy.
    static func weightGradient(input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                               weightGradient: UnsafeMutablePointer<Float>,
                               biasGradient: UnsafeMutablePointer<Float>?, shape s: ConvShape) {
        let w = WinogradTransform.of(ConvTuning.winogradTile)
        let cin = s.inChannels, cout = s.outChannels, points = w.points
        let outH = s.outHeight, outW = s.outWidth
        let tilesDown = (outH + w.m - 1) / w.m, tilesAcross = (outW + w.m - 1) / w.m
        let tiles = WinogradTiles(m: w.m, alpha: w.alpha, tilesAcross: tilesAcross)
        let plan = winogradPlan(batch: s.batch, tilesDown: tilesDown, tilesAcross: tilesAcross,
                                floatsPerTile: points * (cin + cout))
        let band = tiles.slots(rows: plan.rowsPerTile)
        let buffers = (0..<plan.pieces).map { piece in
            (v: ConvScratch.buffer(.columns, piece: piece, count: points * (cin * band + pointPadding)),
             dm: ConvScratch.buffer(.winogradProducts, piece: piece, count: points * (cout * band + pointPadding)),
             scratch: ConvScratch.buffer(.winogradScratch, piece: piece, count: tiles.scratchCount(
                rows: plan.rowsPerTile, channels: tiles.channelsPerCall(rows: plan.rowsPerTile, channels: max(cin, cout)))),
             du: ConvScratch.buffer(.weightPartials, piece: piece, count: points * cout * cin),
             vt: ConvScratch.buffer(.transposedGradient, piece: piece, count: cin * band))
        }
        let matrixB = SparseRows(w.inputMatrix, rows: w.alpha, columns: w.alpha)
        let matrixA = SparseRows(w.outputMatrixTransposed, rows: w.alpha, columns: w.m)
        let inPlane = s.height * s.width, outPlane = outH * outW

        plan.run { piece in
            let (v, dm, scratch, du, vt) = buffers[piece]
            var accumulate = false
            for tile in plan.tiles(of: piece) {
                let (image, start, end) = plan.rows(of: tile)
                let count = tiles.slots(rows: end - start)
                let vPoint = cin * count + pointPadding, mPoint = cout * count + pointPadding
                let chunk = tiles.channelsPerCall(rows: plan.rowsPerTile, channels: cin)
                for c in stride(from: 0, to: cin, by: chunk) {
                    tiles.gather(input + (image * cin + c) * inPlane, planeStride: inPlane,
                                 channels: min(chunk, cin - c), height: s.height, width: s.width,
                                 padTop: 0, padLeft: 0, tileRows: start, rows: end - start, taps: w.alpha,
                                 matrix: matrixB, into: v + c * count, pointStride: vPoint, scratch: scratch)
                }
                let outChunk = tiles.channelsPerCall(rows: plan.rowsPerTile, channels: cout)
                for co in stride(from: 0, to: cout, by: outChunk) {
                    tiles.gather(outputGradient + (image * cout + co) * outPlane, planeStride: outPlane,
                                 channels: min(outChunk, cout - co), height: outH, width: outW,
                                 padTop: 0, padLeft: 0, tileRows: start, rows: end - start, taps: w.m,
                                 matrix: matrixA, into: dm + co * count, pointStride: mPoint, scratch: scratch)
                }
                for p in 0..<points {
                    transpose(v + p * vPoint, rows: cin, columns: count, into: vt)
                    PointGemm.multiply(m: cout, n: cin, k: count, a: dm + p * mPoint, lda: count, b: vt, ldb: cin,
                                       c: du + p * cout * cin, ldc: cin, accumulate: accumulate)
                }
                accumulate = true
            }
            if plan.tiles(of: piece).isEmpty { du.update(repeating: 0, count: points * cout * cin) }
        }

        // Fixed-order reduction of the partials, then back to kernel space.
        let total = buffers[0].du
        for piece in 1..<max(1, plan.pieces) {
            let du = buffers[piece].du
            for i in 0..<(points * cout * cin) { total[i] += du[i] }
        }
        w.untransformKernels(total, rows: cout, columns: cin, into: weightGradient)
        if let biasGradient {
            for co in 0..<cout {
                var sum = 0.0
                for n in 0..<s.batch { sum += VectorSums.sum(outputGradient + (n * cout + co) * outPlane, outPlane) }
                biasGradient[co] = Float(sum)
            }
        }
    }

    /// `target[t * rows + r] = source[r * columns + t]` (columns a multiple of 8): one point's
    /// input tiles tile-major, so the weight gradient's GEMM reads both operands along rows.
    /// Blocks of 8 x 8 through vectors; rows past the last multiple of 8 one by one.
    private static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int,
                                  into target: UnsafeMutablePointer<Float>) {
        let rows8 = rows - rows % 8
        for r in stride(from: 0, to: rows8, by: 8) {
            for t in stride(from: 0, to: columns, by: 8) {
                let s = source + r * columns + t
                let x0 = load8(s), x1 = load8(s + columns)
                let x2 = load8(s + 2 * columns), x3 = load8(s + 3 * columns)
                let x4 = load8(s + 4 * columns), x5 = load8(s + 5 * columns)
                let x6 = load8(s + 6 * columns), x7 = load8(s + 7 * columns)
                for i in 0..<8 {
                    Vector8(x0[i], x1[i], x2[i], x3[i], x4[i], x5[i], x6[i], x7[i]).store(to: target + (t + i) * rows + r)
                }
            }
        }
        for r in rows8..<rows {
            for t in 0..<columns { target[t * rows + r] = source[r * columns + t] }
        }
    }

    /// Floats between one transform point's block of V (or M) and the next, beyond the
    /// block itself: blocks are whole multiples of 4 KB at common widths, and the fused
    /// transforms touch all 36 blocks at once, which then fell into the same L1 set (the
    /// 128-channel forward ran 10 % slower than with the separate passes). One cache line
    /// more per block spreads them over the sets.
    static let pointPadding = 16

    /// Bands of whole tile rows whose transformed tiles fit `ConvTuning.winogradBlockBytes`.
    private static func winogradPlan(batch: Int, tilesDown: Int, tilesAcross: Int, floatsPerTile: Int) -> ConvTilePlan {
        ConvTilePlan(batch: batch, outHeight: tilesDown, outWidth: tilesAcross,
                     blockBytes: ConvTuning.winogradBlockBytes) { rows in floatsPerTile * rows * WinogradTiles.stride(tilesAcross: tilesAcross) }
    }
}
