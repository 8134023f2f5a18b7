import VectorKernels

/// The width-generic kernels on 16-float vectors. This module alone is compiled for AVX-512
/// (Package.swift): nothing in it may run unless the CPU has it, which Tensor checks
/// (`CPUFeatures.avx512`) before calling. On a Zen 5 this doubles the GEMMs' rate (two
/// 512-bit FMA pipes); on a Zen 4, which splits 512-bit operations in two, it halves their
/// instruction count.
public enum AVX512 {
    /// PointGemmKernel.panels.
    public static func pointGemmPanels(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                       b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                                       accumulate: Bool, from first: Int) -> Int {
        PointGemmKernel<SIMD16<Float>>.panels(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                                   accumulate: accumulate, from: first)
    }

    /// WinogradTileKernel.inputTiles.
    public static func inputTiles(phases: UnsafePointer<Float>, phaseLength: Int, run: Int,
                                  into out: UnsafeMutablePointer<Float>, pointStride: Int, from first: Int) -> Int {
        WinogradTileKernel<SIMD16<Float>>.inputTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                          pointStride: pointStride, from: first)
    }

    /// WinogradTileKernel.gradientTiles.
    public static func gradientTiles(phases: UnsafePointer<Float>, phaseLength: Int, run: Int,
                                     into out: UnsafeMutablePointer<Float>, pointStride: Int, from first: Int) -> Int {
        WinogradTileKernel<SIMD16<Float>>.gradientTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                             pointStride: pointStride, from: first)
    }

    /// WinogradTileKernel.outputTiles.
    public static func outputTiles(_ source: UnsafePointer<Float>, pointStride: Int, run: Int,
                                   into rowPass: UnsafeMutablePointer<Float>, from first: Int) -> Int {
        WinogradTileKernel<SIMD16<Float>>.outputTiles(source, pointStride: pointStride, run: run, into: rowPass, from: first)
    }
}
