import VectorKernels

/// The width-generic kernels on 8-float vectors, compiled for AVX2 + FMA (Package.swift): the
/// width every supported CPU runs, the whole work on a Zen 3 and what is left after the
/// 16-float vectors on an AVX-512 CPU. A module of its own, like AVX512Kernels, so that
/// the generic code is specialised here in every build configuration (a debug build
/// compiles file by file and would not specialise it inside VectorKernels).
public enum AVX2 {
    /// PointGemmKernel.panels.
    public static func pointGemmPanels(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                                       b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int,
                                       accumulate: Bool, from first: Int) -> Int {
        PointGemmKernel<SIMD8<Float>>.panels(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
                                   accumulate: accumulate, from: first)
    }

    /// WinogradTileKernel.inputTiles.
    public static func inputTiles(phases: UnsafePointer<Float>, phaseLength: Int, run: Int,
                                  into out: UnsafeMutablePointer<Float>, pointStride: Int, from first: Int) -> Int {
        WinogradTileKernel<SIMD8<Float>>.inputTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                          pointStride: pointStride, from: first)
    }

    /// WinogradTileKernel.gradientTiles.
    public static func gradientTiles(phases: UnsafePointer<Float>, phaseLength: Int, run: Int,
                                     into out: UnsafeMutablePointer<Float>, pointStride: Int, from first: Int) -> Int {
        WinogradTileKernel<SIMD8<Float>>.gradientTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                             pointStride: pointStride, from: first)
    }

    /// WinogradTileKernel.outputTiles.
    public static func outputTiles(_ source: UnsafePointer<Float>, pointStride: Int, run: Int,
                                   into rowPass: UnsafeMutablePointer<Float>, from first: Int) -> Int {
        WinogradTileKernel<SIMD8<Float>>.outputTiles(source, pointStride: pointStride, run: run, into: rowPass, from: first)
    }
}
