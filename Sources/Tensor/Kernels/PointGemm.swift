import AVX2Kernels
import AVX512Kernels
import VectorKernels

/// The GEMMs of the Winograd kernels, `C = A B` or, accumulating, `C += A B` (row-major):
/// VectorKernels' PointGemmKernel on 16-float vectors where the CPU has AVX-512
/// (`ConvTuning.avx512`), then 8-float ones for the columns left, then one at a time.
/// Every width computes each C value as the same fused multiply-add chain, so the choice
/// never changes a byte of the result.
enum PointGemm {
    static func multiply(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                         accumulate: Bool = false) {
        let done = acrossWidths(
            { AVX512.pointGemmPanels(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                                     accumulate: accumulate, from: $0) },
            { AVX2.pointGemmPanels(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                                   accumulate: accumulate, from: $0) })
        if done < n {
            pointGemmRemainder(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                               accumulate: accumulate, from: done)
        }
    }
}
