/// The matrices of Winograd's minimal filtering F(m x m, 3 x 3) (Lavin & Gray 2015):
/// an m x m output tile of a 3x3 correlation is `A^T [(G g G^T) ⊙ (B^T d B)] A`, with d the
/// (m+2) x (m+2) input tile and g the kernel. The elementwise product has (m+2)^2 points
/// instead of the direct form's 9 m^2 multiplies per tile and channel pair: 2.25x fewer for
/// m = 2, 4x fewer for m = 4, paid for with transforms and with rounding error that grows
/// with m (the F(4x4) matrices hold 4s, 5s and 8s).
public enum WinogradTile: Int, Sendable {
    case f2x2 = 2
    case f4x4 = 4
}

struct WinogradTransform {
    /// Output tile side m and input tile side alpha = m + 2.
    let m: Int
    let alpha: Int
    /// B^T (alpha x alpha), G (alpha x 3), A^T (m x alpha), row-major.
    let inputMatrix: [Float]
    let kernelMatrix: [Float]
    let outputMatrix: [Float]

    var points: Int { alpha * alpha }

    static func of(_ tile: WinogradTile) -> WinogradTransform {
        tile == .f2x2 ? f2x2 : f4x4
    }

    static let f2x2 = WinogradTransform(
        m: 2, alpha: 4,
        inputMatrix: [1, 0, -1, 0,
                      0, 1, 1, 0,
                      0, -1, 1, 0,
                      0, 1, 0, -1],
        kernelMatrix: [1, 0, 0,
                       0.5, 0.5, 0.5,
                       0.5, -0.5, 0.5,
                       0, 0, 1],
        outputMatrix: [1, 1, 1, 0,
                       0, 1, -1, -1])

    static let f4x4 = WinogradTransform(
        m: 4, alpha: 6,
        inputMatrix: [4, 0, -5, 0, 1, 0,
                      0, -4, -4, 1, 1, 0,
                      0, 4, -4, -1, 1, 0,
                      0, -2, -1, 2, 1, 0,
                      0, 2, -1, -2, 1, 0,
                      0, 4, 0, -5, 0, 1],
        kernelMatrix: [1.0 / 4, 0, 0,
                       -1.0 / 6, -1.0 / 6, -1.0 / 6,
                       -1.0 / 6, 1.0 / 6, -1.0 / 6,
                       1.0 / 24, 1.0 / 12, 1.0 / 6,
                       1.0 / 24, -1.0 / 12, 1.0 / 6,
                       0, 0, 1],
        outputMatrix: [1, 1, 1, 1, 1, 0,
                       0, 1, -1, 2, -2, 0,
                       0, 1, 1, 4, 4, 0,
                       0, 1, -1, 8, -8, 1])

    /// The `A` of the transposed output transform (alpha x m), used on output-gradient tiles.
    var outputMatrixTransposed: [Float] {
        (0..<alpha * m).map { index in outputMatrix[(index % m) * alpha + index / m] }
    }

    /// `U[p, row, column] = (G g G^T)[p]` for every 3x3 kernel `g` of a `rows x columns`
    /// grid of kernels (`kernels[(row * columns + column) * 9 ...]`); `U` is `points x rows x columns`.
    /// Split over the workers by kernel (the calling thread otherwise did it alone between
    /// the parallel bands: 1-2 % of a two-thread iteration).
    func transformKernels(_ kernels: UnsafePointer<Float>, rows: Int, columns: Int,
                          into u: UnsafeMutablePointer<Float>) {
        let count = rows * columns
        Threads.forRanges(count, grain: 128) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: alpha * 3) { half in
                transformKernels(kernels, range, count: count, half: half.baseAddress!, into: u)
            }
        }
    }

    private func transformKernels(_ kernels: UnsafePointer<Float>, _ range: Range<Int>, count: Int,
                                  half: UnsafeMutablePointer<Float>, into u: UnsafeMutablePointer<Float>) {
        let a = alpha
        for index in range {
            let g = kernels + index * 9
            // half = G g (alpha x 3), then U = half G^T.
            for i in 0..<a {
                for l in 0..<3 {
                    var s: Float = 0
                    for k in 0..<3 { s += kernelMatrix[i * 3 + k] * g[k * 3 + l] }
                    half[i * 3 + l] = s
                }
            }
            for i in 0..<a {
                for j in 0..<a {
                    var s: Float = 0
                    for l in 0..<3 { s += half[i * 3 + l] * kernelMatrix[j * 3 + l] }
                    u[(i * a + j) * count + index] = s
                }
            }
        }
    }

    /// The adjoint of `transformKernels`: `g = G^T dU G` for every kernel, overwriting `kernels`.
    func untransformKernels(_ du: UnsafePointer<Float>, rows: Int, columns: Int,
                            into kernels: UnsafeMutablePointer<Float>) {
        let count = rows * columns
        Threads.forRanges(count, grain: 128) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: alpha * 3) { half in
                untransformKernels(du, range, count: count, half: half.baseAddress!, into: kernels)
            }
        }
    }

    private func untransformKernels(_ du: UnsafePointer<Float>, _ range: Range<Int>, count: Int,
                                    half: UnsafeMutablePointer<Float>, into kernels: UnsafeMutablePointer<Float>) {
        let a = alpha
        for index in range {
            // half = G^T dU (3 x alpha), then g = half G.
            for k in 0..<3 {
                for j in 0..<a {
                    var s: Float = 0
                    for i in 0..<a { s += kernelMatrix[i * 3 + k] * du[(i * a + j) * count + index] }
                    half[k * a + j] = s
                }
            }
            let g = kernels + index * 9
            for k in 0..<3 {
                for l in 0..<3 {
                    var s: Float = 0
                    for j in 0..<a { s += half[k * a + j] * kernelMatrix[j * 3 + l] }
                    g[k * 3 + l] = s
                }
            }
        }
    }
}
