import Glibc

/// The geometry of an im2col source: a `channels` x `height` x `width` image that is
/// read as if zero-padded by `padTop`/`padLeft` (and enough at the bottom/right), then
/// convolved with a `kernelHeight` x `kernelWidth` window to an `outHeight` x `outWidth` grid.
///
/// The forward pass uses no padding; the input gradient is the "full" convolution of
/// the output gradient, i.e. the same thing padded by `kernel - 1` on every side.
struct Im2colGeometry {
    var channels: Int
    var height: Int
    var width: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var padTop: Int
    var padLeft: Int
    var outHeight: Int
    var outWidth: Int

    /// Rows of the column matrix: one per (channel, ky, kx), in weight order.
    var rows: Int { channels * kernelHeight * kernelWidth }
    var planeCount: Int { height * width }
}

enum Im2col {
    /// Fills the column block for output rows `rowStart..<rowEnd`:
    /// `columns[(c*kh + ky)*kw + kx, (oy - rowStart)*outWidth + ox] = src[c, oy+ky-padTop, ox+kx-padLeft]`
    /// (zero outside the image). The block is row-major with `(rowEnd - rowStart) * outWidth`
    /// columns, so it is the B operand of a plain row-major GEMM.
    ///
    /// Every row of the block is a handful of straight copies, which is why this stays cheap
    /// next to the GEMM: with 32 channels and 3x3 kernels each copied float feeds 64 FLOPs.
    static func fill(_ columns: UnsafeMutablePointer<Float>, from source: UnsafePointer<Float>,
                     geometry g: Im2colGeometry, rowStart: Int, rowEnd: Int) {
        let outW = g.outWidth
        let blockColumns = (rowEnd - rowStart) * outW
        let rowBytes = outW * MemoryLayout<Float>.stride
        var destinationRow = columns
        for c in 0..<g.channels {
            let plane = source + c * g.planeCount
            for ky in 0..<g.kernelHeight {
                for kx in 0..<g.kernelWidth {
                    // Output columns whose source column lies inside the image.
                    let shift = kx - g.padLeft
                    let lo = max(0, -shift)
                    let hi = min(outW, g.width - shift)
                    var destination = destinationRow
                    for oy in rowStart..<rowEnd {
                        let sy = oy + ky - g.padTop
                        if sy < 0 || sy >= g.height || lo >= hi {
                            memset(destination, 0, rowBytes)
                        } else {
                            // The zero margins are at most kernel-1 wide: plain stores beat calls.
                            for i in 0..<lo { destination[i] = 0 }
                            memcpy(destination + lo, plane + sy * g.width + lo + shift, (hi - lo) * 4)
                            for i in hi..<outW { destination[i] = 0 }
                        }
                        destination += outW
                    }
                    destinationRow += blockColumns
                }
            }
        }
    }
}
