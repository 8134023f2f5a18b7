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
        // With a one-row kernel both layouts are the same thing. With very few source
        // channels (the 3- and 1-channel ends of the nets) a kx-only GEMM would be only a few
        // deep, and the full columns measured faster.
        let shallow = geometry.channels * geometry.kernelWidth < 16
        self.kind = geometry.kernelHeight == 1 || shallow ? .fullColumns : kind
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

    /// Where GEMM `group` of the slice starting `row` output rows into the tile starts in the block.
    func blockOffset(group: Int, row: Int) -> Int { (group + row) * geometry.outWidth }

    /// Where GEMM `group`'s weights start in the arranged weights (`outChannels x depth` each).
    func weightOffset(group: Int, outChannels: Int) -> Int { group * outChannels * depth }

    /// The column of the `[m, channels*kh*kw]` weight matrix that GEMM `group` multiplies
    /// with row `d` of its slice of the block.
    @inline(__always)
    func weightColumn(group: Int, depthIndex d: Int) -> Int {
        if kind == .fullColumns { return d }
        let kh = geometry.kernelHeight, kw = geometry.kernelWidth
        let c = d / kw, kx = d - c * kw
        return (c * kh + group) * kw + kx
    }

    /// Rearranges an `m x (channels*kh*kw)` weight matrix into the per-group `m x depth`
    /// matrices the GEMMs read. Only needed for `.kernelRows`.
    func arrangeWeights(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>, outChannels m: Int) {
        let columns = geometry.rows
        for group in 0..<groups {
            for d in 0..<depth {
                let column = weightColumn(group: group, depthIndex: d)
                for row in 0..<m {
                    to[(group * m + row) * depth + d] = from[row * columns + column]
                }
            }
        }
    }

    /// Adds a weight gradient computed per group as `depth x m` matrices (the transposed
    /// GEMM output of the weight gradient) into the `m x (channels*kh*kw)` weight gradient.
    func addTransposedGroups(_ from: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>,
                             outChannels m: Int) {
        let columns = geometry.rows
        for group in 0..<groups {
            for d in 0..<depth {
                let column = weightColumn(group: group, depthIndex: d)
                let source = from + (group * depth + d) * m
                for row in 0..<m {
                    to[row * columns + column] += source[row]
                }
            }
        }
    }
}
