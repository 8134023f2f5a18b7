/// How a tile of output rows is turned into GEMM operands.
///
/// `.fullColumns` is classic im2col: one K = channels*kh*kw row per (c, ky, kx), each
/// holding the tile's outH*outW source values, and one GEMM per tile.
///
/// `.kernelRows` only unrolls kx: one K = channels*kw row per (c, kx) holding the tile's
/// rows *plus kh-1 extra rows* below. The kh GEMMs of a tile (one per ky) then read the
/// same block shifted down by ky rows (B = block + ky*outW, same leading dimension), so
/// the block is about kh times smaller to write, at the price of kh GEMMs of depth
/// channels*kw accumulating into the tile instead of one of depth channels*kh*kw.
public enum ColumnLayoutKind: Sendable {
    case fullColumns
    case kernelRows
}

struct ColumnLayout {
    let geometry: Im2colGeometry
    let kind: ColumnLayoutKind

    init(geometry: Im2colGeometry, kind: ColumnLayoutKind) {
        self.geometry = geometry
        // With a one-row kernel both layouts are the same thing.
        self.kind = geometry.kernelHeight == 1 ? .fullColumns : kind
    }

    /// GEMMs per tile.
    var groups: Int { kind == .fullColumns ? 1 : geometry.kernelHeight }
    /// Depth (K) of each GEMM.
    var depth: Int { kind == .fullColumns ? geometry.rows : geometry.channels * geometry.kernelWidth }

    /// Floats in the block of a tile of `rows` output rows.
    func blockCount(rows: Int) -> Int {
        depth * blockRowLength(rows: rows)
    }

    /// The block's leading dimension: floats from one K row to the next.
    func blockRowLength(rows: Int) -> Int {
        kind == .fullColumns ? rows * geometry.outWidth
                             : (rows + geometry.kernelHeight - 1) * geometry.outWidth
    }

    /// Fills the block of output rows `start..<end` from `source` (one image).
    func fill(_ block: UnsafeMutablePointer<Float>, from source: UnsafePointer<Float>, start: Int, end: Int) {
        switch kind {
        case .fullColumns:
            Im2col.fill(block, from: source, geometry: geometry, rowStart: start, rowEnd: end)
        case .kernelRows:
            // im2col with a one-row kernel over the tile's rows and the kh-1 below them.
            var oneRow = geometry
            oneRow.kernelHeight = 1
            Im2col.fill(block, from: source, geometry: oneRow, rowStart: start,
                        rowEnd: end + geometry.kernelHeight - 1)
        }
    }

    /// Where GEMM `group` starts in the block.
    func blockOffset(group: Int) -> Int { group * geometry.outWidth }

    /// Where GEMM `group`'s weights start in the arranged weights (`outChannels x depth` each).
    func weightOffset(group: Int, outChannels: Int) -> Int { group * outChannels * depth }

    /// Rearranges an `m x (channels*kh*kw)` weight matrix into the per-group matrices:
    /// `to[ky][m][c*kw + kx] = from[m][(c*kh + ky)*kw + kx]`. Only needed for `.kernelRows`.
    func arrangeWeights(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>, outChannels m: Int) {
        let c = geometry.channels, kh = geometry.kernelHeight, kw = geometry.kernelWidth
        for ky in 0..<kh {
            for row in 0..<m {
                var target = to + (ky * m + row) * c * kw
                var origin = from + row * c * kh * kw + ky * kw
                for _ in 0..<c {
                    for kx in 0..<kw { target[kx] = origin[kx] }
                    target += kw
                    origin += kh * kw
                }
            }
        }
    }

    /// The inverse of `arrangeWeights`, adding into `to` (the weight gradient's reduction).
    /// For `.fullColumns` the two layouts coincide and this is a plain sum.
    func addArrangedWeights(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>,
                            outChannels m: Int) {
        if kind == .fullColumns {
            for i in 0..<(m * geometry.rows) { to[i] += from[i] }
            return
        }
        let c = geometry.channels, kh = geometry.kernelHeight, kw = geometry.kernelWidth
        for ky in 0..<kh {
            for row in 0..<m {
                var origin = from + (ky * m + row) * c * kw
                var target = to + row * c * kh * kw + ky * kw
                for _ in 0..<c {
                    for kx in 0..<kw { target[kx] += origin[kx] }
                    origin += kw
                    target += kh * kw
                }
            }
        }
    }
}
