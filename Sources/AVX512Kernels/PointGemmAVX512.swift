import VectorKernels

/// PointGemmKernel on 16-float vectors. This module alone is compiled for AVX-512
/// (Package.swift): nothing in it may run unless the CPU has it, which Tensor's
/// `CPUFeatures.avx512` checks before calling. On a Zen 5 this doubles the GEMMs' rate
/// (two 512-bit FMA pipes); on a Zen 4, which splits 512-bit operations in two, it halves
/// their instruction count.
public enum PointGemmAVX512 {
    public static func panels(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                              b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                              accumulate: Bool, from first: Int) -> Int {
        PointGemmKernel<SIMD16<Float>>.panels(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                                              accumulate: accumulate, from: first)
    }
}
