/// The GEMMs of the Winograd kernels, `C = A B` or, accumulating, `C += A B` (row-major), for
/// any vector width: 8 floats (AVX2) or 16 (AVX-512). Tensor's `PointGemm` picks the width.
/// Forward and input gradient: A the transformed kernels of one point (Cout x Cin, 4-64 KB:
/// stays in L1/L2), B that point's transformed tiles (Cin x tiles of one band). Weight
/// gradient: A the transformed output-gradient tiles (Cout x tiles), B the input tiles
/// transposed (tiles x Cin), C the point's kernel-gradient partial, accumulated band after band.
///
/// These are small (K = Cin = 32 at the usual width, 64 tiles a band): OpenBLAS spends a
/// good part of such a call packing both operands, and its packed copies push the band's
/// transforms out of L2. This kernel reads both in place: for each panel of two vectors of
/// B's columns, 6 (or 4) rows of C at a time are accumulated in 12 (8) vector registers,
/// broadcasting one A value per row and step (the register blocking of OpenBLAS's Haswell
/// kernel, without the copies). Each C value is one fused multiply-add chain over k in
/// order, whatever the width: results are the same bytes on every run, every thread count
/// (bands never split a sum) and both widths.
///
/// Generic so that one text serves both widths; the generic code is only ever run
/// specialized (in AVX2Kernels and AVX512Kernels, optimised in every build configuration).
public enum PointGemmKernel<Vector: SIMD> where Vector.Scalar == Float {
    /// Columns `first..<end` of C for all m rows, where `end` is as far as whole vectors
    /// reach (`end - first` a multiple of the width, `n - end` less than it); returns `end`.
    /// The caller finishes the rest with a narrower width or `remainder`.
    @inlinable @inline(never)
    public static func panels(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                              b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                              accumulate add: Bool, from first: Int) -> Int {
        let w = Vector.scalarCount, rows4 = m - m % 4
        // Blocks of 6 rows (12 accumulators: enough multiply-adds in flight to cover their
        // latency on two FMA pipes), the last 8 or 4 rows in blocks of 4.
        var rows6 = 0
        while rows4 - rows6 >= 6 && rows4 - rows6 != 8 { rows6 += 6 }
        var j = first
        while j + 2 * w <= n {
            for i in stride(from: 0, to: rows6, by: 6) {
                block6x2(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, add)
            }
            for i in stride(from: rows6, to: rows4, by: 4) {
                block4x2(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, add)
            }
            j += 2 * w
        }
        if j + w <= n {
            for i in stride(from: 0, to: rows4, by: 4) {
                block4x1(k, a + i * lda, lda, b + j, ldb, c + i * ldc + j, ldc, add)
            }
            j += w
        }
        for i in rows4..<m {
            for column in stride(from: first, to: j, by: w) {
                row1x1(k, a + i * lda, b + column, ldb, c + i * ldc + column, add)
            }
        }
        return j
    }

    /// C[0..<6][two vectors] = A[0..<6][0..<k] B[0..<k][two vectors].
    @inlinable @inline(__always)
    static func block6x2(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                         _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        let w = Vector.scalarCount
        var c00 = start(c, add), c01 = start(c + w, add), c10 = start(c + ldc, add), c11 = start(c + ldc + w, add)
        var c20 = start(c + 2 * ldc, add), c21 = start(c + 2 * ldc + w, add)
        var c30 = start(c + 3 * ldc, add), c31 = start(c + 3 * ldc + w, add)
        var c40 = start(c + 4 * ldc, add), c41 = start(c + 4 * ldc + w, add)
        var c50 = start(c + 5 * ldc, add), c51 = start(c + 5 * ldc + w, add)
        var row = b, ai = a
        for _ in 0..<k {
            let b0 = load(row), b1 = load(row + w)
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
        store(c00, c); store(c01, c + w)
        store(c10, c + ldc); store(c11, c + ldc + w)
        store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + w)
        store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + w)
        store(c40, c + 4 * ldc); store(c41, c + 4 * ldc + w)
        store(c50, c + 5 * ldc); store(c51, c + 5 * ldc + w)
    }

    /// C[0..<4][two vectors] = A[0..<4][0..<k] B[0..<k][two vectors].
    @inlinable @inline(__always)
    static func block4x2(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                         _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        let w = Vector.scalarCount
        var c00 = start(c, add), c01 = start(c + w, add), c10 = start(c + ldc, add), c11 = start(c + ldc + w, add)
        var c20 = start(c + 2 * ldc, add), c21 = start(c + 2 * ldc + w, add)
        var c30 = start(c + 3 * ldc, add), c31 = start(c + 3 * ldc + w, add)
        let (a0, a1, a2, a3) = (a, a + lda, a + 2 * lda, a + 3 * lda)
        var row = b
        for l in 0..<k {
            let b0 = load(row), b1 = load(row + w)
            let x0 = Vector(repeating: a0[l]), x1 = Vector(repeating: a1[l])
            let x2 = Vector(repeating: a2[l]), x3 = Vector(repeating: a3[l])
            c00 = c00.addingProduct(x0, b0); c01 = c01.addingProduct(x0, b1)
            c10 = c10.addingProduct(x1, b0); c11 = c11.addingProduct(x1, b1)
            c20 = c20.addingProduct(x2, b0); c21 = c21.addingProduct(x2, b1)
            c30 = c30.addingProduct(x3, b0); c31 = c31.addingProduct(x3, b1)
            row += ldb
        }
        store(c00, c); store(c01, c + w)
        store(c10, c + ldc); store(c11, c + ldc + w)
        store(c20, c + 2 * ldc); store(c21, c + 2 * ldc + w)
        store(c30, c + 3 * ldc); store(c31, c + 3 * ldc + w)
    }

    /// C[0..<4][one vector] = A[0..<4][0..<k] B[0..<k][one vector] (a band's last columns).
    @inlinable @inline(__always)
    static func block4x1(_ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>,
                         _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ add: Bool) {
        var c0 = start(c, add), c1 = start(c + ldc, add), c2 = start(c + 2 * ldc, add), c3 = start(c + 3 * ldc, add)
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

    /// One row of C, one vector wide (the rows left below the blocks of 4).
    @inlinable @inline(__always)
    static func row1x1(_ k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ ldb: Int,
                       _ c: UnsafeMutablePointer<Float>, _ add: Bool) {
        var sum = start(c, add)
        for l in 0..<k { sum = sum.addingProduct(Vector(repeating: a[l]), load(b + l * ldb)) }
        store(sum, c)
    }

    /// An accumulator's first value: C's (accumulating), or zero.
    @inlinable @inline(__always)
    static func start(_ p: UnsafeMutablePointer<Float>, _ add: Bool) -> Vector {
        add ? load(p) : Vector()
    }

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Vector { .load(p) }

    @inlinable @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>) { v.store(to: p) }
}

/// Columns `first..<n` of C one value at a time (fewer than one vector per row is left).
@inlinable
public func pointGemmRemainder(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                               b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                               accumulate add: Bool, from first: Int) {
    for i in 0..<m {
        let ai = a + i * lda, ci = c + i * ldc
        for column in first..<n {
            var sum: Float = add ? ci[column] : 0
            for l in 0..<k { sum = sum.addingProduct(ai[l], b[l * ldb + column]) }
            ci[column] = sum
        }
    }
}
