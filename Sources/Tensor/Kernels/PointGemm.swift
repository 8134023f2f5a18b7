/// The GEMMs of the Winograd forward and input gradient, `C = A B` (row-major, C overwritten)
/// with A the transformed kernels of one point (Cout x Cin, 4-64 KB: stays in L1/L2) and B
/// that point's transformed tiles (Cin x tiles of one band).
///
/// These are small (K = Cin = 32 at the usual width, 64 tiles a band): OpenBLAS spends a
/// good part of such a call packing both operands, and its packed copies push the band's
/// transforms out of L2. This kernel reads both in place: for each 16-tile column panel of
/// B, 4 rows of C at a time are accumulated in 8 vector registers, broadcasting one A value
/// per row and step (the register blocking of OpenBLAS's Haswell kernel, without the copies).
/// Each C value is one fused multiply-add chain over k in order, so results are the same
/// bytes on every run (and every thread count: bands never split a sum).
enum PointGemm {
    typealias Vector = SIMD8<Float>

    // Never inlined: inside the Winograd band loop, the caller's inlining budget ran out and
    // left the vector loads of the blocks below as calls (2.5x slower kernels).
    @inline(never)
    static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let rows4 = m - m % 4
        // Panels of 16 columns in blocks of 6 rows (12 accumulators: enough multiply-adds in
        // flight to cover their latency on two FMA pipes), the last 8 or 4 rows in blocks of 4.
        var rows6 = 0
        while rows4 - rows6 >= 6 && rows4 - rows6 != 8 { rows6 += 6 }
        var j = 0
        while j + 16 <= n {
            for i in stride(from: 0, to: rows6, by: 6) {
                block6x16(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc)
            }
            for i in stride(from: rows6, to: rows4, by: 4) {
                block4x16(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc)
            }
            j += 16
        }
        if j + 8 <= n {
            for i in stride(from: 0, to: rows4, by: 4) {
                block4x8(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc)
            }
            j += 8
        }
        for i in stride(from: 0, to: rows4, by: 4) {
            remainder(rows: 4, from: j, n: n, k: k, a + i * lda, lda, b, ldb, c + i * ldc, ldc)
        }
        remainder(rows: m - rows4, from: 0, n: n, k: k, a + rows4 * lda, lda, b, ldb, c + rows4 * ldc, ldc)
    }

    /// C[0..<6][0..<16] = A[0..<6][0..<k] B[0..<k][0..<16].
    @inline(__always)
    private static func block6x16(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                                  _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector(), c20 = Vector(), c21 = Vector()
        var c30 = Vector(), c31 = Vector(), c40 = Vector(), c41 = Vector(), c50 = Vector(), c51 = Vector()
        var row = b, ai = a
        for _ in 0..<k {
            let b0 = load(row), b1 = load(row + 8)
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
        store(c00, c); store(c01, c + 8)
        store(c10, c + ldc); store(c11, c + ldc + 8)
        store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + 8)
        store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + 8)
        store(c40, c + 4 * ldc); store(c41, c + 4 * ldc + 8)
        store(c50, c + 5 * ldc); store(c51, c + 5 * ldc + 8)
    }

    /// C[0..<4][0..<16] = A[0..<4][0..<k] B[0..<k][0..<16].
    @inline(__always)
    private static func block4x16(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                                  _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        var c00 = Vector(), c01 = Vector(), c10 = Vector(), c11 = Vector()
        var c20 = Vector(), c21 = Vector(), c30 = Vector(), c31 = Vector()
        let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
        var row = b
        for l in 0..<k {
            let b0 = load(row), b1 = load(row + 8)
            let x0 = Vector(repeating: a0[l]), x1 = Vector(repeating: a1[l])
            let x2 = Vector(repeating: a2[l]), x3 = Vector(repeating: a3[l])
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            row += ldb
        }
        store(c00, c); store(c01, c + 8)
        store(c10, c + ldc); store(c11, c + ldc + 8)
        store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + 8)
        store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + 8)
    }

    /// C[0..<4][0..<8] = A[0..<4][0..<k] B[0..<k][0..<8] (a band's last 8 tiles).
    @inline(__always)
    private static func block4x8(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                                 _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector()
        let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
        var row = b
        for l in 0..<k {
            let b0 = load(row)
            c0 = c0.addingProduct(Vector(repeating: a0[l]), b0); c1 = c1.addingProduct(Vector(repeating: a1[l]), b0)
            c2 = c2.addingProduct(Vector(repeating: a2[l]), b0); c3 = c3.addingProduct(Vector(repeating: a3[l]), b0)
            row += ldb
        }
        store(c0, c); store(c1, c + ldc); store(c2, c + 2 * ldc); store(c3, c + 3 * ldc)
    }

    /// Columns `from..<n` of `rows` rows: 8 columns a vector, then one by one.
    private static func remainder(rows: Int, from start: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, _ lda: Int,
                                  _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        for i in 0..<rows {
            let ai = a + i * lda, ci = c + i * ldc
            var j = start
            while j + 8 <= n {
                var sum = Vector()
                for l in 0..<k { sum = sum.addingProduct(Vector(repeating: ai[l]), load(b + l * ldb + j)) }
                store(sum, ci + j)
                j += 8
            }
            for column in j..<n {
                var sum: Float = 0
                for l in 0..<k { sum = sum.addingProduct(ai[l], b[l * ldb + column]) }
                ci[column] = sum
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    private static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }
}
