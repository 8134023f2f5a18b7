/// The GEMMs of the Winograd kernels, `C = A B` or, accumulating, `C += A B` (row-major).
/// Forward and input gradient: A the transformed kernels of one point (Cout x Cin, 4-64 KB:
/// stays in L1/L2), B that point's transformed tiles (Cin x tiles of one band). Weight
/// gradient: A the transformed output-gradient tiles (Cout x tiles), B the input tiles
/// transposed (tiles x Cin), C the point's kernel-gradient partial, accumulated band after band.
///
/// These are small (K = Cin = 32 at the usual width, 64 tiles a band): OpenBLAS spends a
/// good part of such a call packing both operands, and its packed copies push the band's
/// transforms out of L2. This kernel reads both in place: for each 16-column panel of B,
/// 6 (or 4) rows of C at a time are accumulated in 12 (8) vector registers, broadcasting one
/// A value per row and step (the register blocking of OpenBLAS's Haswell kernel, without
/// the copies). Each C value is one fused multiply-add chain over k in order, so results are
/// the same bytes on every run (and every thread count: bands never split a sum).
enum PointGemm {
    typealias Vector = Vector8

    // Never inlined: inside the Winograd band loop, the caller's inlining budget ran out and
    // left the vector loads of the blocks below as calls (2.5x slower kernels).
    @inline(never)
    static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                         accumulate add: Bool = false) {
        let rows4 = m - m % 4
        // Panels of 16 columns in blocks of 6 rows (12 accumulators: enough multiply-adds in
        // flight to cover their latency on two FMA pipes), the last 8 or 4 rows in blocks of 4.
        var rows6 = 0
        while rows4 - rows6 >= 6 && rows4 - rows6 != 8 { rows6 += 6 }
        var j = 0
        while j + 16 <= n {
            for i in stride(from: 0, to: rows6, by: 6) {
                block6x16(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, add)
            }
            for i in stride(from: rows6, to: rows4, by: 4) {
                block4x16(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, add)
            }
            j += 16
        }
        if j + 8 <= n {
            for i in stride(from: 0, to: rows4, by: 4) {
                block4x8(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, add)
            }
            j += 8
        }
        for i in stride(from: 0, to: rows4, by: 4) {
            remainder(rows: 4, from: j, n: n, k: k, a + i * lda, lda, b, ldb, c + i * ldc, ldc, add)
        }
        remainder(rows: m - rows4, from: 0, n: n, k: k, a + rows4 * lda, lda, b, ldb, c + rows4 * ldc, ldc, add)
    }

    /// C[0..<6][0..<16] = A[0..<6][0..<k] B[0..<k][0..<16].
    @inline(__always)
    private static func block6x16(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                                  _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        var c00 = start(c, add), c01 = start(c + 8, add), c10 = start(c + ldc, add), c11 = start(c + ldc + 8, add)
        var c20 = start(c + 2 * ldc, add), c21 = start(c + 2 * ldc + 8, add)
        var c30 = start(c + 3 * ldc, add), c31 = start(c + 3 * ldc + 8, add)
        var c40 = start(c + 4 * ldc, add), c41 = start(c + 4 * ldc + 8, add)
        var c50 = start(c + 5 * ldc, add), c51 = start(c + 5 * ldc + 8, add)
        var row = b, ai = a
        for _ in 0..<k {
            let b0 = load8(row), b1 = load8(row + 8)
            var x = Vector(repeating: ai[0])
            c00 = c00.addingProduct(x, b0); c01 = c01.addingProduct(x, b1)
            x = Vector(repeating: ai[lda])
            c10 = c10.addingProduct(x, b0); c11 = c11.addingProduct(x, b1)
            x = Vector(repeating: ai[2 * lda])
            c20 = c20.addingProduct(x, b0); c21 = c21.addingProduct(x, b1)
            x = Vector(repeating: ai[3 * lda])
            c30 = c30.addingProduct(x, b0); c31 = c31.addingProduct(x, b1)
            x = Vector(repeating: ai[4 * lda])
            c40 = c40.addingProduct(x, b0); c41 = c41.addingProduct(x, b1)
            x = Vector(repeating: ai[5 * lda])
            c50 = c50.addingProduct(x, b0); c51 = c51.addingProduct(x, b1)
            row += ldb
            ai += 1
        }
        c00.store(to: c); c01.store(to: c + 8)
        c10.store(to: c + ldc); c11.store(to: c + ldc + 8)
        c20.store(to: c + 2 * ldc); c21.store(to: c + 2 * ldc + 8)
        c30.store(to: c + 3 * ldc); c31.store(to: c + 3 * ldc + 8)
        c40.store(to: c + 4 * ldc); c41.store(to: c + 4 * ldc + 8)
        c50.store(to: c + 5 * ldc); c51.store(to: c + 5 * ldc + 8)
    }

    /// C[0..<4][0..<16] = A[0..<4][0..<k] B[0..<k][0..<16].
    @inline(__always)
    private static func block4x16(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                                  _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        var c00 = start(c, add), c01 = start(c + 8, add), c10 = start(c + ldc, add), c11 = start(c + ldc + 8, add)
        var c20 = start(c + 2 * ldc, add), c21 = start(c + 2 * ldc + 8, add)
        var c30 = start(c + 3 * ldc, add), c31 = start(c + 3 * ldc + 8, add)
        let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
        var row = b
        for l in 0..<k {
            let b0 = load8(row), b1 = load8(row + 8)
            let x0 = Vector(repeating: a0[l]), x1 = Vector(repeating: a1[l])
            let x2 = Vector(repeating: a2[l]), x3 = Vector(repeating: a3[l])
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            row += ldb
        }
        c00.store(to: c); c01.store(to: c + 8)
        c10.store(to: c + ldc); c11.store(to: c + ldc + 8)
        c20.store(to: c + 2 * ldc); c21.store(to: c + 2 * ldc + 8)
        c30.store(to: c + 3 * ldc); c31.store(to: c + 3 * ldc + 8)
    }

    /// C[0..<4][0..<8] = A[0..<4][0..<k] B[0..<k][0..<8] (a band's last 8 tiles).
    @inline(__always)
    private static func block4x8(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                                 _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        var c0 = start(c, add), c1 = start(c + ldc, add), c2 = start(c + 2 * ldc, add), c3 = start(c + 3 * ldc, add)
        let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
        var row = b
        for l in 0..<k {
            let b0 = load8(row)
            c0 = c0.addingProduct(Vector(repeating: a0[l]), b0); c1 = c1.addingProduct(Vector(repeating: a1[l]), b0)
            c2 = c2.addingProduct(Vector(repeating: a2[l]), b0); c3 = c3.addingProduct(Vector(repeating: a3[l]), b0)
            row += ldb
        }
        c0.store(to: c); c1.store(to: c + ldc); c2.store(to: c + 2 * ldc); c3.store(to: c + 3 * ldc)
    }

    /// Columns `from..<n` of `rows` rows: 8 columns a vector, then one by one.
    private static func remainder(rows: Int, from first: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, _ lda: Int,
                                  _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
                                  _ add: Bool) {
        for i in 0..<rows {
            let ai = a + i * lda, ci = c + i * ldc
            var j = first
            while j + 8 <= n {
                var sum = Self.start(ci + j, add)
                for l in 0..<k { sum = sum.addingProduct(Vector(repeating: ai[l]), load8(b + l * ldb + j)) }
                sum.store(to: ci + j)
                j += 8
            }
            for column in j..<n {
                var sum: Float = add ? ci[column] : 0
                for l in 0..<k { sum = sum.addingProduct(ai[l], b[l * ldb + column]) }
                ci[column] = sum
            }
        }
    }

    /// An accumulator's first value: C's (accumulating), or zero.
    @inline(__always)
    private static func start(_ p: UnsafeMutablePointer<Float>, _ add: Bool) -> Vector {
        add ? load8(p) : Vector()
    }


}
