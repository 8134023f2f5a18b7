/// The F(4x4, 3x3) tile transforms with their matrices written out, one vector of
/// neighbouring tiles at a time (8 with AVX2, 16 with AVX-512), both passes of a tile in
/// registers. Tensor's WinogradFusedTransforms picks the width.
///
/// The generic passes of Tensor's WinogradTiles (`combine`, any sparse matrix) write the row
/// pass of a whole band to an intermediate array in L2 and read it back for the column pass:
/// per tile and channel 36 floats out and some 100 in again, more than the arithmetic. Here
/// a vector of tiles goes through the row and the column pass at once (the intermediate 6x6
/// stays in registers and L1), and the 1-D transforms share their common subexpressions (14
/// operations for B^T instead of 22 multiply-adds). The formulas are the rows of
/// WinogradTransform.f4x4's matrices; the tests compare the kernels using them with the
/// direct convolution. Every lane does the same operations in the same order at either
/// width, so the width never changes a result.
///
/// Each function covers tiles `first..<end`, `end` as far as whole vectors reach, and
/// returns `end`: the caller finishes with a narrower width.
public enum WinogradTileKernel<Vector: SIMD> where Vector.Scalar == Float {
    public typealias Six = (Vector, Vector, Vector, Vector, Vector, Vector)
    public typealias Four = (Vector, Vector, Vector, Vector)

    /// `B^T x` for a 6-tap row x (the input transform's 1-D pass).
    @inlinable @inline(__always)
    static func inputRow(_ x: Six) -> Six {
        let four = Vector(repeating: 4), five = Vector(repeating: 5), two = Vector(repeating: 2)
        let a = x.3 + x.4, b = x.1 + x.2            // rows 1, 2: (x3 + x4) -+ 4 (x1 + x2) ...
        let c = x.4 - x.3, d = x.1 - x.2
        let e = x.4 - x.2, f = x.3 - x.1            // rows 3, 4: (x4 - x2) +- 2 (x3 - x1)
        return ((x.4 - five * x.2).addingProduct(four, x.0),
                a - four * b,
                c.addingProduct(four, d),
                e.addingProduct(two, f),
                e - two * f,
                (x.5 - five * x.3).addingProduct(four, x.1))
    }

    /// `A^T x` for 6 points x (the output transform's 1-D pass).
    @inlinable @inline(__always)
    static func outputRow(_ x: Six) -> Four {
        let a = x.1 + x.2, b = x.1 - x.2, c = x.3 + x.4, d = x.3 - x.4
        return (x.0 + a + c,
                b.addingProduct(Vector(repeating: 2), d),
                a.addingProduct(Vector(repeating: 4), c),
                b.addingProduct(Vector(repeating: 8), d) + x.5)
    }

    /// `A x` for a 4-tap row x (the transform of output-gradient tiles, the weight gradient).
    @inlinable @inline(__always)
    static func gradientRow(_ x: Four) -> Six {
        let a = x.0 + x.2, b = x.1 + x.3
        let c = x.0.addingProduct(Vector(repeating: 4), x.2), d = x.1.addingProduct(Vector(repeating: 4), x.3)
        return (x.0, a + b, a - b, c.addingProduct(Vector(repeating: 2), d), c - Vector(repeating: 2) * d, x.3)
    }

    /// Input tiles: `out[(i*6 + j) * pointStride + t] = (B^T d_t B)[i][j]` for the tiles t,
    /// where row k tap l of tile t's window d_t is `phases[k*4*pl + (l%4)*pl + t + l/4]`.
    @inlinable @inline(never)
    public static func inputTiles(phases: UnsafePointer<Float>, phaseLength pl: Int, run: Int,
                                  into out: UnsafeMutablePointer<Float>, pointStride: Int, from first: Int) -> Int {
        let w = Vector.scalarCount
        var t = first
        withUnsafeTemporaryAllocation(of: Vector.self, capacity: 36) { rows in
            while t + w <= run {
                for k in 0..<6 {
                    let p = phases + k * 4 * pl + t
                    let r = inputRow((.load(p), .load(p + pl), .load(p + 2 * pl), .load(p + 3 * pl),
                                      .load(p + 1), .load(p + pl + 1)))
                    store6(r, rows.baseAddress! + 6 * k, 1)
                }
                for j in 0..<6 {
                    let c = rows.baseAddress! + j
                    let r = inputRow((c[0], c[6], c[12], c[18], c[24], c[30]))
                    storeOut6(r, out + j * pointStride + t, 6 * pointStride)
                }
                t += w
            }
        }
        return t
    }

    /// Output-gradient tiles: as `inputTiles` with the 4x4 window and `A . A^T`.
    @inlinable @inline(never)
    public static func gradientTiles(phases: UnsafePointer<Float>, phaseLength pl: Int, run: Int,
                                     into out: UnsafeMutablePointer<Float>, pointStride: Int, from first: Int) -> Int {
        let w = Vector.scalarCount
        var t = first
        withUnsafeTemporaryAllocation(of: Vector.self, capacity: 24) { rows in
            while t + w <= run {
                for k in 0..<4 {
                    let p = phases + k * 4 * pl + t
                    store6(gradientRow((.load(p), .load(p + pl), .load(p + 2 * pl), .load(p + 3 * pl))),
                           rows.baseAddress! + 6 * k, 1)
                }
                for j in 0..<6 {
                    let c = rows.baseAddress! + j
                    storeOut6(gradientRow((c[0], c[6], c[12], c[18])), out + j * pointStride + t, 6 * pointStride)
                }
                t += w
            }
        }
        return t
    }

    /// Output tiles: `rowPass[(a*4 + b) * run + t] = (A^T M_t A)[a][b]` for the products
    /// `M_t[i][j] = source[(i*6 + j) * pointStride + t]`.
    @inlinable @inline(never)
    public static func outputTiles(_ source: UnsafePointer<Float>, pointStride: Int, run: Int,
                                   into rowPass: UnsafeMutablePointer<Float>, from first: Int) -> Int {
        let w = Vector.scalarCount
        var t = first
        withUnsafeTemporaryAllocation(of: Vector.self, capacity: 24) { rows in
            while t + w <= run {
                for i in 0..<6 {
                    let p = source + 6 * i * pointStride + t
                    let r = outputRow((.load(p), .load(p + pointStride), .load(p + 2 * pointStride),
                                       .load(p + 3 * pointStride), .load(p + 4 * pointStride), .load(p + 5 * pointStride)))
                    let c = rows.baseAddress! + 4 * i
                    c[0] = r.0; c[1] = r.1; c[2] = r.2; c[3] = r.3
                }
                for b in 0..<4 {
                    let c = rows.baseAddress! + b
                    let r = outputRow((c[0], c[4], c[8], c[12], c[16], c[20]))
                    let q = rowPass + b * run + t
                    r.0.store(to: q); r.1.store(to: q + 4 * run); r.2.store(to: q + 8 * run); r.3.store(to: q + 12 * run)
                }
                t += w
            }
        }
        return t
    }

    @inlinable @inline(__always)
    static func store6(_ r: Six, _ p: UnsafeMutablePointer<Vector>, _ step: Int) {
        p[0] = r.0; p[step] = r.1; p[2 * step] = r.2; p[3 * step] = r.3; p[4 * step] = r.4; p[5 * step] = r.5
    }

    /// Six vectors `step` floats apart.
    @inlinable @inline(__always)
    static func storeOut6(_ r: Six, _ p: UnsafeMutablePointer<Float>, _ step: Int) {
        r.0.store(to: p); r.1.store(to: p + step); r.2.store(to: p + 2 * step)
        r.3.store(to: p + 3 * step); r.4.store(to: p + 4 * step); r.5.store(to: p + 5 * step)
    }
}
