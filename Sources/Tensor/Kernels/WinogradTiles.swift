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
/// Tiles are indexed `t = row * stride + tx` with `stride = tilesAcross + 1`: each tile row
/// carries one dummy tile, so a window's overhang into the next tile (`tx + 1`) never needs
/// a special case. The dummy tiles' values are never written out, and in the weight gradient
/// their output-gradient transform is zero (they lie right of the output).
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
        stride = tilesAcross + 1
        shift = m == 2 ? 1 : 2
    }

    /// Tile slots of a band of `rows` tile rows (dummies included).
    func slots(rows: Int) -> Int { rows * stride }

    /// Scratch floats `gather` and `scatter` need for bands of up to `rows` tile rows.
    func scratchCount(rows: Int) -> Int { alpha * m * (slots(rows: rows) + 1) + alpha * alpha * slots(rows: rows) }

    /// `target[t] = sum_{e in row} value[e] * (source(index[e]))[t]` for t in 0..<count.
    @inline(__always)
    private static func combine(_ target: UnsafeMutablePointer<Float>, _ count: Int,
                                _ matrix: SparseRows, row: Int, _ source: (Int) -> UnsafePointer<Float>) {
        let lo = matrix.starts[row], hi = matrix.starts[row + 1]
        if lo == hi {
            target.update(repeating: 0, count: count)
            return
        }
        let s0 = source(matrix.indices[lo]), c0 = matrix.values[lo]
        for t in 0..<count { target[t] = c0 * s0[t] }
        for e in (lo + 1)..<hi {
            let s = source(matrix.indices[e]), c = matrix.values[e]
            for t in 0..<count { target[t] += c * s[t] }
        }
    }

    /// See the type's comment: tile rows `r0..<r0+rows` of `plane`; point p goes to
    /// `out + p * pointStride`. `matrix` is C (alpha rows of `taps` columns).
    func gather(_ plane: UnsafePointer<Float>, height: Int, width: Int, padTop: Int, padLeft: Int,
                tileRows r0: Int, rows: Int, taps: Int, matrix: SparseRows,
                into out: UnsafeMutablePointer<Float>, pointStride: Int, scratch: UnsafeMutablePointer<Float>) {
        let n = slots(rows: rows), pl = n + 1
        let phases = scratch                      // taps x m x pl
        let rowPass = scratch + taps * m * pl     // taps x alpha x n
        let mask = m - 1
        let lo = max(0, -padLeft), hi = min(width, stride * m - padLeft)
        phases.update(repeating: 0, count: taps * m * pl)
        if lo < hi {
            for k in 0..<taps {
                let target = phases + k * m * pl
                for row in 0..<rows {
                    let y = (r0 + row) * m + k - padTop
                    guard y >= 0 && y < height else { continue }
                    let source = plane + y * width
                    let first = target + row * stride
                    for x in lo..<hi {
                        let xx = x + padLeft
                        first[(xx & mask) * pl + (xx >> shift)] = source[x]
                    }
                }
            }
        }
        // Along x: rowPass[k][j][t] = sum_l C[j][l] window[k][l] of tile t.
        for k in 0..<taps {
            let phase = phases + k * m * pl
            for j in 0..<alpha {
                Self.combine(rowPass + (k * alpha + j) * n, n, matrix, row: j) { l in
                    UnsafePointer(phase + (l & mask) * pl + (l >> shift))
                }
            }
        }
        // Along y.
        for i in 0..<alpha {
            for j in 0..<alpha {
                Self.combine(out + (i * alpha + j) * pointStride, n, matrix, row: i) { k in
                    UnsafePointer(rowPass + (k * alpha + j) * n)
                }
            }
        }
    }

    /// `Y = A^T M A` for tile rows `r0..<r0+rows`, where point p of the band's tiles is at
    /// `source + p * pointStride`; written to the `outHeight x outWidth` plane `output`
    /// with `bias` added. `matrix` is A^T (m rows of alpha columns).
    func scatter(_ source: UnsafePointer<Float>, pointStride: Int, matrix: SparseRows,
                 tileRows r0: Int, rows: Int, into output: UnsafeMutablePointer<Float>,
                 outHeight: Int, outWidth: Int, bias: Float, scratch: UnsafeMutablePointer<Float>) {
        let n = slots(rows: rows)
        let columnPass = scratch               // m x alpha x n
        let rowPass = scratch + m * alpha * n  // m x m x n
        for a in 0..<m {
            for j in 0..<alpha {
                Self.combine(columnPass + (a * alpha + j) * n, n, matrix, row: a) { i in
                    source + (i * alpha + j) * pointStride
                }
            }
        }
        for a in 0..<m {
            for b in 0..<m {
                Self.combine(rowPass + (a * m + b) * n, n, matrix, row: b) { j in
                    UnsafePointer(columnPass + (a * alpha + j) * n)
                }
            }
        }
        let mask = m - 1
        for row in 0..<rows {
            for a in 0..<m {
                let y = (r0 + row) * m + a
                guard y < outHeight else { break }
                let target = output + y * outWidth
                let phases = rowPass + a * m * n + row * stride
                for x in 0..<outWidth {
                    target[x] = phases[(x & mask) * n + (x >> shift)] + bias
                }
            }
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
