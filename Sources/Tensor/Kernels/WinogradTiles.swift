import Glibc

/// The two tile transforms of a Winograd convolution, done a whole row of tiles at a time so
/// that every arithmetic loop runs over consecutive tiles (contiguous, vectorised):
///
/// - `gather`: `out[p = (i, j)][tx] = sum_{k,l} C[i][k] C[j][l] src[r*m + k - padTop][tx*m + l - padLeft]`
///   for the `taps x taps` window of every tile `tx` of tile row `r` (zero outside the plane).
///   With C = B^T and taps = alpha it is the input transform; with C = A and taps = m it is
///   the transform of output-gradient tiles for the weight gradient.
/// - `scatter`: the output transform `Y = A^T M A` of every tile of a row, written into the
///   output plane (clipped at its right and bottom edges), plus a bias.
///
/// A source row is first split into its m phases (`phase[q][t] = row[t*m + q]`), so the
/// window's tap l of tile t is `phase[l % m][t + l / m]`: one strided copy per source
/// value, then only contiguous multiply-adds. m is a power of two.
struct WinogradTiles {
    let m: Int
    let alpha: Int
    let tilesAcross: Int
    private let shift: Int
    /// Floats in one phase array (tiles plus the window's overhang).
    private let phaseLength: Int

    init(m: Int, alpha: Int, tilesAcross: Int) {
        precondition(m == 2 || m == 4, "Winograd tiles of side \(m)")
        self.m = m
        self.alpha = alpha
        self.tilesAcross = tilesAcross
        shift = m == 2 ? 1 : 2
        phaseLength = tilesAcross + (alpha + m - 1) / m
    }

    /// Scratch floats `gather` and `scatter` need.
    var scratchCount: Int { alpha * m * phaseLength + alpha * alpha * tilesAcross }

    /// The nonzero coefficients of each row of a row-major `rows x columns` matrix.
    static func sparseRows(_ matrix: [Float], rows: Int, columns: Int) -> [[(index: Int, value: Float)]] {
        (0..<rows).map { i in
            (0..<columns).compactMap { k in matrix[i * columns + k] == 0 ? nil : (k, matrix[i * columns + k]) }
        }
    }

    /// `target[t] = sum over terms of value * sources[index][t]` for t in 0..<count.
    @inline(__always)
    private static func combine(_ target: UnsafeMutablePointer<Float>, _ count: Int,
                                _ terms: [(index: Int, value: Float)], _ source: (Int) -> UnsafePointer<Float>) {
        guard let first = terms.first else {
            target.update(repeating: 0, count: count)
            return
        }
        let s0 = source(first.index), c0 = first.value
        for t in 0..<count { target[t] = c0 * s0[t] }
        for term in terms.dropFirst() {
            let s = source(term.index), c = term.value
            for t in 0..<count { target[t] += c * s[t] }
        }
    }

    /// See the type's comment. `rowsC` are `sparseRows` of C (alpha rows of `taps` columns);
    /// `out` gets point p at `out + p * pointStride`.
    func gather(_ plane: UnsafePointer<Float>, height: Int, width: Int, padTop: Int, padLeft: Int,
                tileRow r: Int, taps: Int, rowsC: [[(index: Int, value: Float)]],
                into out: UnsafeMutablePointer<Float>, pointStride: Int, scratch: UnsafeMutablePointer<Float>) {
        let n = tilesAcross, pl = phaseLength
        let phases = scratch                      // taps x m x phaseLength
        let rowPass = scratch + taps * m * pl     // taps x alpha x n
        let mask = m - 1
        let lo = max(0, -padLeft), hi = min(width, pl * m - padLeft)
        for k in 0..<taps {
            let target = phases + k * m * pl
            target.update(repeating: 0, count: m * pl)
            let y = r * m + k - padTop
            guard y >= 0 && y < height && lo < hi else { continue }
            let row = plane + y * width
            for x in lo..<hi {
                let xx = x + padLeft
                target[(xx & mask) * pl + (xx >> shift)] = row[x]
            }
        }
        // Along x: rowPass[k][j][t] = sum_l C[j][l] window[k][l] of tile t.
        for k in 0..<taps {
            let phase = phases + k * m * pl
            for j in 0..<alpha {
                Self.combine(rowPass + (k * alpha + j) * n, n, rowsC[j]) { l in
                    UnsafePointer(phase + (l & mask) * pl + (l >> shift))
                }
            }
        }
        // Along y.
        for i in 0..<alpha {
            for j in 0..<alpha {
                Self.combine(out + (i * alpha + j) * pointStride, n, rowsC[i]) { k in
                    UnsafePointer(rowPass + (k * alpha + j) * n)
                }
            }
        }
    }

    /// `Y = A^T M A` for tile row `r`, where point p of the row's tiles is at
    /// `source + p * pointStride`; written to the `outHeight x outWidth` plane `output`
    /// with `bias` added. `rowsA` are `sparseRows` of A^T (m rows of alpha columns).
    func scatter(_ source: UnsafePointer<Float>, pointStride: Int, rowsA: [[(index: Int, value: Float)]],
                 tileRow r: Int, into output: UnsafeMutablePointer<Float>, outHeight: Int, outWidth: Int,
                 bias: Float, scratch: UnsafeMutablePointer<Float>) {
        let n = tilesAcross
        let columnPass = scratch               // m x alpha x n
        let rowPass = scratch + m * alpha * n  // m x m x n
        for a in 0..<m {
            for j in 0..<alpha {
                Self.combine(columnPass + (a * alpha + j) * n, n, rowsA[a]) { i in
                    source + (i * alpha + j) * pointStride
                }
            }
        }
        for a in 0..<m {
            for b in 0..<m {
                Self.combine(rowPass + (a * m + b) * n, n, rowsA[b]) { j in
                    UnsafePointer(columnPass + (a * alpha + j) * n)
                }
            }
        }
        let mask = m - 1
        for a in 0..<m {
            let y = r * m + a
            guard y < outHeight else { break }
            let row = output + y * outWidth
            let phases = rowPass + a * m * n
            for x in 0..<outWidth {
                row[x] = phases[(x & mask) * n + (x >> shift)] + bias
            }
        }
    }
}
