// Exact nearest neighbours by blocked sgemm: with q' = [q, 1] and k' = [-2k, |k|^2], one
// sgemm tile gives |k|^2 - 2 q.k for 256 queries x 1024 keys, which is reduced at once
// into each query's running best (and, for the completeness term, each key's running
// nearest query). The full queries x keys matrix (7.9 GB at 188x250) never exists.
//
// Determinism: the tiles are the same for every thread count (threads take whole query
// tiles, each sgemm runs on one OpenBLAS thread), ties go to the lowest key index, and the
// per-thread key minima are combined with min, which does not depend on order.
import CBLAS
import Tensor

enum ExactSearch {
    static let queryTile = 256
    static let keyTile = 1024

    /// The match of every query patch among the allowed key patches, minimising
    /// d(q, k) / (alpha + min over queries of d(q', k)) (just d(q, k) when alpha is nil).
    static func search(queries: PatchImage, keys: PatchImage, mask: KeyMask?, patch p: Int, alpha: Float?) -> NNField {
        let (qx, qy) = queries.positions(p), (kx, ky) = keys.positions(p)
        let keyIndex = mask?.indices ?? (0..<Int32(kx * ky)).map { $0 }
        let q = PatchMatrix(queries, patch: p, appendOne: true)
        let k = PatchMatrix(keys, patch: p, appendOne: false, only: keyIndex)
        var weights: [Float]? = nil
        if let alpha {
            let nearest = nearestQuery(q, k)
            weights = nearest.map { 1 / (alpha + $0) }
        }
        let best = bestKeys(q, k, weights: weights)
        var field = NNField(columns: qx, rows: qy, keyColumns: kx, keyRows: ky, match: best.index.map { keyIndex[Int($0)] })
        field.cost = best.cost
        return field
    }

    /// For every key row, min over all queries of |q - k|^2 (clamped at 0).
    private static func nearestQuery(_ q: PatchMatrix, _ k: PatchMatrix) -> [Float] {
        let pieces = pieceRanges(q.count), n = k.count
        // One row of minima per piece, combined after: min does not depend on the order.
        var minima = [Float](repeating: .infinity, count: pieces.count * n)
        minima.withUnsafeMutableBufferPointer { all in
            let all = all
            inPieces(pieces) { piece, tiles in
                let m = all.baseAddress! + piece * n
                forEachTile(q, k, tiles) { tile, qi, qn, kj, kn in
                    for i in 0..<qn {
                        let row = tile + i * kn, qq = q.norms[qi + i]
                        for j in 0..<kn { m[kj + j] = min(m[kj + j], max(0, row[j] + qq)) }
                    }
                }
            }
        }
        var result = Array(minima[0..<n])
        for piece in 1..<pieces.count { for j in 0..<n { result[j] = min(result[j], minima[piece * n + j]) } }
        return result
    }

    /// For every query row, the key row minimising the (weighted) distance, and that cost.
    private static func bestKeys(_ q: PatchMatrix, _ k: PatchMatrix, weights: [Float]?) -> (index: [Int32], cost: [Float]) {
        var index = [Int32](repeating: 0, count: q.count)
        var cost = [Float](repeating: .infinity, count: q.count)
        let pieces = pieceRanges(q.count)
        index.withUnsafeMutableBufferPointer { bestIndex in
            cost.withUnsafeMutableBufferPointer { bestCost in
                let bestIndex = bestIndex, bestCost = bestCost
                inPieces(pieces) { _, tiles in
                    forEachTile(q, k, tiles) { tile, qi, qn, kj, kn in
                        for i in 0..<qn {
                            let row = tile + i * kn, qq = q.norms[qi + i]
                            var best = bestCost[qi + i], at = bestIndex[qi + i]
                            if let weights {
                                for j in 0..<kn {
                                    let c = max(0, row[j] + qq) * weights[kj + j]
                                    if c < best { best = c; at = Int32(kj + j) }
                                }
                            } else {
                                for j in 0..<kn where row[j] + qq < best { best = row[j] + qq; at = Int32(kj + j) }
                            }
                            bestCost[qi + i] = best
                            bestIndex[qi + i] = at
                        }
                    }
                }
            }
        }
        return (index, cost.map { max(0, $0) })
    }

    /// Query tile ranges split into at most `Threads.count` runs of whole tiles.
    private static func pieceRanges(_ queries: Int) -> [Range<Int>] {
        let tiles = (queries + queryTile - 1) / queryTile
        let pieces = max(1, min(Threads.count, tiles))
        return (0..<pieces).map { p in (p * tiles / pieces)..<((p + 1) * tiles / pieces) }
    }

    /// Runs the pieces in parallel with OpenBLAS on one thread each.
    private static func inPieces(_ pieces: [Range<Int>], _ body: (Int, Range<Int>) -> Void) {
        _ = Threads.blasOnOneThread
        Threads.forEach(pieces.count) { body($0, pieces[$0]) }
    }

    /// For each query tile in `tiles` and each key tile: the product tile
    /// (|k|^2 - 2 q.k, row-major qn x kn), its first query and key rows and counts.
    private static func forEachTile(_ q: PatchMatrix, _ k: PatchMatrix, _ tiles: Range<Int>,
                                    _ body: (UnsafeMutablePointer<Float>, Int, Int, Int, Int) -> Void) {
        let tile = UnsafeMutablePointer<Float>.allocate(capacity: queryTile * keyTile)
        defer { tile.deallocate() }
        let d = q.width
        q.values.withUnsafeBufferPointer { qv in
            k.values.withUnsafeBufferPointer { kv in
                for t in tiles {
                    let qi = t * queryTile, qn = min(queryTile, q.count - qi)
                    var kj = 0
                    while kj < k.count {
                        let kn = min(keyTile, k.count - kj)
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(qn), Int32(kn), Int32(d), 1,
                                    qv.baseAddress! + qi * d, Int32(d), kv.baseAddress! + kj * d, Int32(d), 0, tile, Int32(kn))
                        body(tile, qi, qn, kj, kn)
                        kj += kn
                    }
                }
            }
        }
    }
}

/// Patches as rows of 3p^2 + 1 floats: [q, 1] for queries, [-2k, |k|^2] for keys, so the
/// product of a query row and a key row is |k|^2 - 2 q.k. `norms` holds |q|^2 per row.
struct PatchMatrix {
    let width: Int
    let count: Int
    var values: [Float]
    var norms: [Float]

    init(_ image: PatchImage, patch p: Int, appendOne: Bool, only positions: [Int32]? = nil) {
        let (columns, rows) = image.positions(p)
        let list = positions ?? (0..<Int32(columns * rows)).map { $0 }
        width = 3 * p * p + 1
        count = list.count
        values = [Float](repeating: 0, count: count * width)
        norms = [Float](repeating: 0, count: count)
        let w = width, stride = image.width * PatchImage.lanes
        image.data.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                for (r, position) in list.enumerated() {
                    let x = Int(position) % columns, y = Int(position) / columns
                    var o = r * w, norm: Float = 0
                    for dy in 0..<p {
                        let base = (y + dy) * stride + x * PatchImage.lanes
                        for dx in 0..<p { for c in 0..<3 {
                            let v = src[base + dx * PatchImage.lanes + c]
                            norm += v * v
                            dst[o] = appendOne ? v : -2 * v
                            o += 1
                        } }
                    }
                    dst[o] = appendOne ? 1 : norm
                    norms[r] = norm
                }
            }
        }
    }
}
