import AVX2Kernels
import AVX512Kernels
import VectorKernels

/// The F(4x4) tile transforms (VectorKernels' WinogradTileKernel): 16 tiles a vector where
/// the CPU has AVX-512 (`ConvTuning.avx512`), then 8 for the tiles left. A band's tile count
/// is whole 8-float vectors (WinogradTiles.stride), so nothing is left after that. The width
/// never changes a result.
enum WinogradFusedTransforms {
    /// Input tiles: `out[(i*6 + j) * pointStride + t] = (B^T d_t B)[i][j]` for t in 0..<run.
    static func inputTiles(phases: UnsafePointer<Float>, phaseLength: Int, run: Int,
                           into out: UnsafeMutablePointer<Float>, pointStride: Int) {
        let done = acrossWidths(
            { AVX512.inputTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                pointStride: pointStride, from: $0) },
            { AVX2.inputTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                              pointStride: pointStride, from: $0) })
        precondition(done == run, "Winograd band of \(run) tiles, not whole vectors")
    }

    /// Output-gradient tiles: as `inputTiles` with the 4x4 window and `A . A^T`.
    static func gradientTiles(phases: UnsafePointer<Float>, phaseLength: Int, run: Int,
                              into out: UnsafeMutablePointer<Float>, pointStride: Int) {
        let done = acrossWidths(
            { AVX512.gradientTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                   pointStride: pointStride, from: $0) },
            { AVX2.gradientTiles(phases: phases, phaseLength: phaseLength, run: run, into: out,
                                 pointStride: pointStride, from: $0) })
        precondition(done == run, "Winograd band of \(run) tiles, not whole vectors")
    }

    /// Output tiles: `rowPass[(a*4 + b) * run + t] = (A^T M_t A)[a][b]`.
    static func outputTiles(_ source: UnsafePointer<Float>, pointStride: Int, run: Int,
                            into rowPass: UnsafeMutablePointer<Float>) {
        let done = acrossWidths(
            { AVX512.outputTiles(source, pointStride: pointStride, run: run, into: rowPass, from: $0) },
            { AVX2.outputTiles(source, pointStride: pointStride, run: run, into: rowPass, from: $0) })
        precondition(done == run, "Winograd band of \(run) tiles, not whole vectors")
    }
}
