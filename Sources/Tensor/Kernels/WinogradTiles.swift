import Glibc

/// The two tile transforms of a Winograd convolution, done for a whole band of tile rows at a
/// time so that every arithmetic loop runs over all of the band's tiles (long, contiguous,
/// vectorised loops; per-row loops of a few dozen tiles were dominated by loop overhead):
///
/// - `gather`: `out[p = (i, j)][t] = sum_{k,l} C[i][k] C[j][l] src[r*m + k - padTop][tx*m + l - padLeft]`
///   for the `taps x taps` window of every tile (r, tx) of the band (zero outside the plane).
///   With C = B^T and taps = alpha it is the input transform; with C = A and taps = m it is
///   the transform of output-gradient tiles for the weight gradient.
/// - `scatter`: the output transform `Y = A^T M A` of every tile of the band, written into the
///   output plane (clipped at its right and bottom edges), plus a bias.
///
/// Tiles are indexed `t = row * stride + tx` with `stride = WinogradTiles.stride(tilesAcross)`
/// (tilesAcross + 1 rounded up to a multiple of 8): each tile row carries at least one dummy
/// tile, so a window's overhang into the next tile (`tx + 1`) never needs a special case, and
/// a band's tile count is whole 8-float vectors for PointGemm. The dummy tiles' values are
/// never written out, and in the weight gradient their output-gradient transform is zero
/// (they lie right of the output).
///
/// A source row is first split into its m phases (`phase[q][t] = row[tx*m + q]`), so the
/// window's tap l of tile t is `phase[l % m][t + l / m]`: one strided copy per source value,
/// then only contiguous multiply-adds. m is a power of two.
struct WinogradTiles {
    let m: Int
    let alpha: Int
    let tilesAcross: Int
    /// Tile index distance between tile rows.
    let stride: Int
    private let shift: Int

    init(m: Int, alpha: Int, tilesAcross: Int) {
        precondition(m == 2 || m == 4, "Winograd tiles of side \(m)")
        precondition((alpha - 1) / m <= 1, "Winograd window overhangs more than one tile")
        self.m = m
        self.alpha = alpha
        self.tilesAcross = tilesAcross
        stride = Self.stride(tilesAcross: tilesAcross)
        shift = m == 2 ? 1 : 2
    }

    static func stride(tilesAcross: Int) -> Int { (tilesAcross + 8) / 8 * 8 }

    /// Tile slots of a band of `rows` tile rows (dummies included).
    func slots(rows: Int) -> Int { rows * stride }

    /// Scratch floats `gather` and `scatter` need for `channels` channels of bands of up to
    /// `rows` tile rows.
    func scratchCount(rows: Int, channels: Int) -> Int {
        let run = channels * slots(rows: rows)
        return alpha * m * (run + 1) + alpha * alpha * run
    }

    /// Channels per transform call so that its scratch stays near `floats` (in L2), at least 1.
    func channelsPerCall(rows: Int, channels: Int, floats: Int = 96 * 1024) -> Int {
        max(1, min(channels, floats / ((alpha * m + alpha * alpha) * slots(rows: rows))))
    }

    /// `target[t] = sum_{e in row} value[e] * (source(index[e]))[t]` for t in 0..<count, in one
    /// pass over `target` (each extra pass would cost a load and a store per element).
    @inline(__always)
    private static func combine(_ target: UnsafeMutablePointer<Float>, _ count: Int,
                                _ matrix: SparseRows, row: Int, _ source: (Int) -> UnsafePointer<Float>) {
        let lo = matrix.starts[row], terms = matrix.starts[row + 1] - lo
        @inline(__always) func s(_ e: Int) -> UnsafePointer<Float> { source(matrix.indices[lo + e]) }
        @inline(__always) func c(_ e: Int) -> Float { matrix.values[lo + e] }
        switch terms {
        case 0:
            target.update(repeating: 0, count: count)
        case 1:
            let (s0, c0) = (s(0), c(0))
            for t in 0..<count { target[t] = c0 * s0[t] }
        case 2:
            let (s0, c0, s1, c1) = (s(0), c(0), s(1), c(1))
            for t in 0..<count { target[t] = c0 * s0[t] + c1 * s1[t] }
        case 3:
            let (s0, c0, s1, c1, s2, c2) = (s(0), c(0), s(1), c(1), s(2), c(2))
            for t in 0..<count { target[t] = c0 * s0[t] + c1 * s1[t] + c2 * s2[t] }
        default:
            // Four at a time, then the rest added in further passes (rows here have at most 5).
            let (s0, c0, s1, c1, s2, c2, s3, c3) = (s(0), c(0), s(1), c(1), s(2), c(2), s(3), c(3))
            for t in 0..<count { target[t] = c0 * s0[t] + c1 * s1[t] + c2 * s2[t] + c3 * s3[t] }
            for e in 4..<terms {
                let (se, ce) = (s(e), c(e))
                for t in 0..<count { target[t] += ce * se[t] }
            }
        }
    }

    /// See the type's comment: tile rows `r0..<r0+rows` of `channels` planes `planeStride`
    /// apart; point p of channel c goes to `out + p * pointStride + c * slots`. `matrix` is C
    /// (alpha rows of `taps` columns). All channels' tiles are transformed by the same
    /// loops, which makes them long.
    // Never inlined: inlined into the kernels, their inlining budget ran out and left
    // `split`'s vector loads as calls.
    @inline(never)
    func gather(_ planes: UnsafePointer<Float>, planeStride: Int, channels: Int, height: Int, width: Int,
                padTop: Int, padLeft: Int, tileRows r0: Int, rows: Int, taps: Int, matrix: SparseRows,
                into out: UnsafeMutablePointer<Float>, pointStride: Int, scratch: UnsafeMutablePointer<Float>) {
        let n = slots(rows: rows), run = channels * n, pl = run + 1
        let phases = scratch                      // taps x m x pl
        let rowPass = scratch + taps * m * pl     // taps x alpha x run
        let mask = m - 1
        let lo = max(0, -padLeft), hi = min(width, stride * m - padLeft)
        phases.update(repeating: 0, count: taps * m * pl)
        if lo < hi {
            for k in 0..<taps {
                let target = phases + k * m * pl
                for c in 0..<channels {
                    for row in 0..<rows {
                        let y = (r0 + row) * m + k - padTop
                        guard y >= 0 && y < height else { continue }
                        split(planes + c * planeStride + y * width, lo: lo, hi: hi, padLeft: padLeft,
                              into: target + c * n + row * stride, phaseLength: pl)
                    }
                }
            }
        }
        // F(4x4): C is B^T (taps 6) or A (taps 4, output-gradient tiles), both passes fused.
        if m == 4 {
            if taps == 6 {
                WinogradFusedTransforms.inputTiles(phases: phases, phaseLength: pl, run: run, into: out,
                                                   pointStride: pointStride)
            } else {
                WinogradFusedTransforms.gradientTiles(phases: phases, phaseLength: pl, run: run, into: out,
                                                      pointStride: pointStride)
            }
            return
        }
        // Along x: rowPass[k][j][t] = sum_l C[j][l] window[k][l] of tile t.
        for k in 0..<taps {
            let phase = phases + k * m * pl
            for j in 0..<alpha {
                Self.combine(rowPass + (k * alpha + j) * run, run, matrix, row: j) { l in
                    UnsafePointer(phase + (l & mask) * pl + (l >> shift))
                }
            }
        }
        // Along y.
        for i in 0..<alpha {
            for j in 0..<alpha {
                Self.combine(out + (i * alpha + j) * pointStride, run, matrix, row: i) { k in
                    UnsafePointer(rowPass + (k * alpha + j) * run)
                }
            }
        }
    }

    /// `Y = A^T M A` for tile rows `r0..<r0+rows` of `channels` channels, where point p of
    /// channel c's tiles is at `source + p * pointStride + c * slots`; written to the
    /// `outHeight x outWidth` planes `outputs` (`outPlane` apart) plus `bias[c]`. `matrix` is
    /// A^T (m rows of alpha columns).
    func scatter(_ source: UnsafePointer<Float>, pointStride: Int, matrix: SparseRows,
                 tileRows r0: Int, rows: Int, channels: Int, into outputs: UnsafeMutablePointer<Float>,
                 outPlane: Int, outHeight: Int, outWidth: Int, bias: UnsafePointer<Float>?,
                 scratch: UnsafeMutablePointer<Float>) {
        let n = slots(rows: rows), run = channels * n
        let columnPass = scratch                 // m x alpha x run
        let rowPass = scratch + m * alpha * run  // m x m x run
        if m == 4 {
            WinogradFusedTransforms.outputTiles(source, pointStride: pointStride, run: run, into: rowPass)
        } else {
            separableOutputTransform(source, pointStride: pointStride, matrix: matrix, run: run,
                                     columnPass: columnPass, rowPass: rowPass)
        }
        for c in 0..<channels {
            let value = bias?[c] ?? 0
            for row in 0..<rows {
                for a in 0..<m {
                    let y = (r0 + row) * m + a
                    guard y < outHeight else { break }
                    merge(rowPass + a * m * run + c * n + row * stride, phaseLength: run,
                          into: outputs + c * outPlane + y * outWidth, width: outWidth, adding: value)
                }
            }
        }
    }

    /// The output transform through the generic passes (F(2x2)): columns, then rows.
    private func separableOutputTransform(_ source: UnsafePointer<Float>, pointStride: Int, matrix: SparseRows,
                                          run: Int, columnPass: UnsafeMutablePointer<Float>,
                                          rowPass: UnsafeMutablePointer<Float>) {
        for a in 0..<m {
            for j in 0..<alpha {
                Self.combine(columnPass + (a * alpha + j) * run, run, matrix, row: a) { i in
                    source + (i * alpha + j) * pointStride
                }
            }
        }
        for a in 0..<m {
            for b in 0..<m {
                Self.combine(rowPass + (a * m + b) * run, run, matrix, row: b) { j in
                    UnsafePointer(columnPass + (a * alpha + j) * run)
                }
            }
        }
    }
}

extension WinogradTiles {
    /// `phase[q][t] = source[t*m + q - padLeft]` for the columns `lo..<hi` of one source row
    /// (`phase[q]` at `phases + q * phaseLength`). Whole tiles go through a loop with the
    /// tile side as a constant (the compiler turns it into shuffles); the edges one by one.
    @inline(__always)
    func split(_ source: UnsafePointer<Float>, lo: Int, hi: Int, padLeft: Int,
               into phases: UnsafeMutablePointer<Float>, phaseLength pl: Int) {
        let firstTile = (lo + padLeft + m - 1) / m, endTile = max(firstTile, (hi + padLeft) / m)
        let headEnd = max(lo, min(hi, firstTile * m - padLeft)), tailStart = min(hi, max(headEnd, endTile * m - padLeft))
        for x in lo..<headEnd {
            let xx = x + padLeft
            phases[(xx & (m - 1)) * pl + xx / m] = source[x]
        }
        for x in tailStart..<hi {
            let xx = x + padLeft
            phases[(xx & (m - 1)) * pl + xx / m] = source[x]
        }
        let base = source - padLeft
        if m == 4 {
            let (p0, p1, p2, p3) = (phases, phases + pl, phases + 2 * pl, phases + 3 * pl)
            // 8 tiles at a time with explicit vectors: left to the loop vectoriser, each call
            // (one source row of a few hundred floats) first ran a long chain of overlap
            // checks between the source and the four phases.
            var t = firstTile
            while t + 8 <= endTile {
                let s = base + 4 * t
                let v0 = load8(s), v1 = load8(s + 8), v2 = load8(s + 16), v3 = load8(s + 24)
                Vector8(v0[0], v0[4], v1[0], v1[4], v2[0], v2[4], v3[0], v3[4]).store(to: p0 + t)
                Vector8(v0[1], v0[5], v1[1], v1[5], v2[1], v2[5], v3[1], v3[5]).store(to: p1 + t)
                Vector8(v0[2], v0[6], v1[2], v1[6], v2[2], v2[6], v3[2], v3[6]).store(to: p2 + t)
                Vector8(v0[3], v0[7], v1[3], v1[7], v2[3], v2[7], v3[3], v3[7]).store(to: p3 + t)
                t += 8
            }
            while t < endTile {
                let s = base + 4 * t
                p0[t] = s[0]; p1[t] = s[1]; p2[t] = s[2]; p3[t] = s[3]
                t += 1
            }
        } else {
            let (p0, p1) = (phases, phases + pl)
            for t in firstTile..<endTile {
                let s = base + 2 * t
                p0[t] = s[0]; p1[t] = s[1]
            }
        }
    }

    /// `target[x] = phase[x % m][x / m] + value` for x in 0..<width: the inverse of `split`.
    @inline(__always)
    func merge(_ phases: UnsafePointer<Float>, phaseLength pl: Int, into target: UnsafeMutablePointer<Float>,
               width: Int, adding value: Float) {
        let whole = width / m
        if m == 4 {
            let (p0, p1, p2, p3) = (phases, phases + pl, phases + 2 * pl, phases + 3 * pl)
            for t in 0..<whole {
                let d = target + 4 * t
                d[0] = p0[t] + value; d[1] = p1[t] + value; d[2] = p2[t] + value; d[3] = p3[t] + value
            }
        } else {
            let (p0, p1) = (phases, phases + pl)
            for t in 0..<whole {
                let d = target + 2 * t
                d[0] = p0[t] + value; d[1] = p1[t] + value
            }
        }
        for x in (whole * m)..<width {
            target[x] = phases[(x & (m - 1)) * pl + x / m] + value
        }
    }
}

/// The nonzero entries of a small row-major matrix, row by row (flat arrays: no per-row
/// array to retain in the transforms' inner calls).
struct SparseRows {
    let starts: [Int]
    let indices: [Int]
    let values: [Float]

    init(_ matrix: [Float], rows: Int, columns: Int) {
        var starts = [0], indices: [Int] = [], values: [Float] = []
        for i in 0..<rows {
            for k in 0..<columns where matrix[i * columns + k] != 0 {
                indices.append(k)
                values.append(matrix[i * columns + k])
            }
            starts.append(indices.count)
        }
        self.starts = starts
        self.indices = indices
        self.values = values
    }
}
