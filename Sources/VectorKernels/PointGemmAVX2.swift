/// PointGemmKernel on 8-float vectors, compiled for AVX2 + FMA (Package.swift), the width
/// every supported CPU runs: the whole GEMM on a Zen 3, the last columns on an AVX-512 CPU.
public enum PointGemmAVX2 {
    public static func panels(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                              b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                              accumulate: Bool, from first: Int) -> Int {
        PointGemmKernel<SIMD8<Float>>.panels(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                                             accumulate: accumulate, from: first)
    }
}
