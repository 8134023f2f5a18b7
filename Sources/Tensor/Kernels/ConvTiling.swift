import CBLAS
import Glibc

/// Knobs for how the convolutions split their work. The defaults are the measured best
/// on our 2-core target (docs/performance.md); the benchmark flips them to compare.
///
/// The knobs are `nonisolated(unsafe)` statics: only the benchmark and tests write them, on
/// the thread that runs convolutions and between convolutions, so a worker reading one
/// during a convolution never sees it change.
public enum ConvTuning {
    /// Largest size of one tile's column block. The block, plus OpenBLAS's packed panels,
    /// should stay in one core's L2 (1 MiB on the target) so the GEMMs read it from cache
    /// right after it was written; bigger blocks repeat fewer rows (ColumnLayout.kernelRows).
    nonisolated(unsafe) public static var columnBlockBytes = 768 * 1024

    /// true: spatial tiles run on our workers, each with a single-threaded GEMM.
    /// false: one im2col of the whole image and one GEMM using OpenBLAS's own threads.
    nonisolated(unsafe) public static var tiled = true

    /// Output pixels per GEMM call: a tile's block is filled once, then multiplied in
    /// slices of whole output rows of about this many pixels. OpenBLAS runs these skinny
    /// shapes fastest at a few hundred columns, while bigger blocks copy less (ColumnLayout).
    nonisolated(unsafe) public static var gemmColumns = 256

    /// Full im2col columns, or columns unrolled over kx only (ColumnLayout).
    nonisolated(unsafe) public static var layout = ColumnLayoutKind.kernelRows

    /// Winograd convolution (WinogradConvolution) for the 3x3 layers with at least
    /// `winogradMinChannels` channels on both sides; false: the direct kernels everywhere.
    /// The environment variable SGS_CONV=direct starts a process with it off.
    nonisolated(unsafe) public static var winograd = Environment.value("SGS_CONV") != "direct"

    /// 16-float vectors (AVX512Kernels) in the Winograd kernels' GEMMs and tile transforms
    /// where the CPU has AVX-512; false: 8-float ones everywhere, as on a Zen 3. The same
    /// bytes either way. SGS_AVX512=off starts a process with it off (to time a Zen 3's path).
    nonisolated(unsafe) public static var avx512 = CPUFeatures.avx512 && Environment.value("SGS_AVX512") != "off"

    /// Output tile side of the Winograd kernels (docs/performance.md: speed and rounding error).
    nonisolated(unsafe) public static var winogradTile = WinogradTile.f4x4

    /// Fewer channels than this on either side of a layer (the 3-channel image ends) leave
    /// the GEMMs too short to pay for the transforms.
    nonisolated(unsafe) public static var winogradMinChannels = 16

    /// Smaller outputs (the coarse scales) run direct: their bands hold a few dozen tiles, and
    /// 36 GEMMs that short cost more in calls and packing than the saved multiplies
    /// (docs/performance.md: F(4x4) measured 0.4x the direct speed at 26x34, 0.8x at 49x66,
    /// 1.2x at 94x125, 32 channels).
    nonisolated(unsafe) public static var winogradMinPixels = 6000

    /// Largest size of one band's transformed input and products (as `columnBlockBytes`).
    nonisolated(unsafe) public static var winogradBlockBytes = 768 * 1024

    /// Whether a convolution with `channels` source channels into `outChannels` runs as Winograd.
    static func usesWinograd(kernelHeight: Int, kernelWidth: Int, channels: Int, outChannels: Int,
                             outPixels: Int) -> Bool {
        winograd && kernelHeight == 3 && kernelWidth == 3
            && min(channels, outChannels) >= winogradMinChannels && outPixels >= winogradMinPixels
    }
}

enum Environment {
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// How one batch of convolutions is cut into tiles of whole output rows, and tiles
/// into contiguous runs, one per parallel piece.
///
/// The plan depends only on the shape, the tuning and `Threads.count`, never on timing,
/// so the same inputs and thread count always sum partial results in the same order.
struct ConvTilePlan {
    let batch: Int
    let outHeight: Int
    let rowsPerTile: Int
    let tilesPerImage: Int
    let pieces: Int

    var tileCount: Int { batch * tilesPerImage }

    /// Output rows per GEMM call within a tile.
    let rowsPerGemm: Int

    /// `blockFloats(rows)` is the size of the block of a tile of `rows` output rows.
    init(batch: Int, outHeight: Int, outWidth: Int, blockBytes: Int = ConvTuning.columnBlockBytes,
         blockFloats: (Int) -> Int) {
        self.batch = batch
        self.outHeight = outHeight
        let threads = Threads.count
        if !ConvTuning.tiled {
            rowsPerTile = outHeight
            tilesPerImage = 1
            pieces = 1
            rowsPerGemm = outHeight
            return
        }
        var rows = 1
        while rows < outHeight && blockFloats(rows + 1) * MemoryLayout<Float>.stride <= blockBytes {
            rows += 1
        }
        var tiles = (outHeight + rows - 1) / rows
        // Enough tiles to keep every worker busy, and a multiple of the worker count
        // (when the image is tall enough) so no worker gets one tile more than another.
        if threads > 1 {
            let total = batch * tiles
            let wanted = (total + threads - 1) / threads * threads
            tiles = min(outHeight, (wanted + batch - 1) / batch)
        }
        rows = (outHeight + tiles - 1) / tiles
        tiles = (outHeight + rows - 1) / rows
        rowsPerTile = rows
        tilesPerImage = tiles
        pieces = min(threads, batch * tiles)
        rowsPerGemm = min(rows, max(1, ConvTuning.gemmColumns / max(1, outWidth)))
    }

    /// Image index and output-row range of `tile`.
    func rows(of tile: Int) -> (image: Int, start: Int, end: Int) {
        let image = tile / tilesPerImage
        let start = (tile % tilesPerImage) * rowsPerTile
        return (image, start, min(outHeight, start + rowsPerTile))
    }

    /// The contiguous run of tiles that `piece` handles, in order.
    func tiles(of piece: Int) -> Range<Int> {
        (piece * tileCount / pieces)..<((piece + 1) * tileCount / pieces)
    }

    /// Runs `body(piece)` for every piece, in parallel when there are several. OpenBLAS
    /// stays on one thread inside them and outside (`Threads.blasOnOneThread`): two levels of
    /// threads on two cores only fight.
    func run(_ body: (Int) -> Void) {
        _ = Threads.blasOnOneThread
        if pieces == 1 {
            body(0)
            return
        }
        Threads.forEach(pieces, body)
    }
}

/// Row-major single-precision GEMM, `C = op(A) * op(B) + beta * C`.
///
/// A one-row product (a single output channel: the critic's last layer) goes to GEMV
/// instead: GEMM would first pack the big operand into its own layout, which then costs as
/// much memory traffic as the multiplication itself (measured 20% faster). The one-column
/// product of that layer's weight gradient measured faster as a GEMM.
enum Gemm {
    @inline(__always)
    static func multiply(transposeA: Bool = false, transposeB: Bool = false,
                         m: Int, n: Int, k: Int,
                         _ a: UnsafePointer<Float>, lda: Int,
                         _ b: UnsafePointer<Float>, ldb: Int,
                         beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        if !transposeA && !transposeB && m == 1 {
            // c[j] = sum_p a[p] * b[p, j]
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), 1, b, Int32(ldb),
                        a, 1, beta, c, 1)
        } else {
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb),
                        beta, c, Int32(ldc))
        }
    }
}
