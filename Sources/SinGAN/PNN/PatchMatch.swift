// Approximate nearest neighbours by PatchMatch (Barnes et al., SIGGRAPH 2009): scan the
// query positions in raster order (backwards on odd passes), try the matches of the two
// already-visited neighbours shifted by one, then random candidates around the best in
// windows halving from the key image's size down to one pixel. Warm-started from the
// previous step's field, one pass per step finds nearly what exact search finds (measured
// in docs/pnn.md), for about 12 patch distances per query instead of all of them.
//
// Determinism: the query rows are cut into a fixed number of strips (not one per thread),
// each scanned by one thread with its own generator seeded from (seed, strip), and
// propagation never crosses a strip; the result does not depend on the thread count.
import Tensor

enum PatchMatch {
    static let strips = 4

    /// Improves `field` (its matches are the starting point; costs are recomputed) by
    /// `passes` scans. `weights` (per key position) multiply the distances: the
    /// completeness normalisation. Disallowed keys (`mask`) are never matched.
    static func improve(_ field: inout NNField, queries: PatchImage, keys: PatchImage, mask: KeyMask?,
                        weights: [Float]?, patch p: Int, passes: Int, seed: UInt64) {
        let rows = field.rows
        let geometry = Geometry(field: field, queries: queries, keys: keys, patch: p)
        field.match.withUnsafeMutableBufferPointer { match in
            field.cost.withUnsafeMutableBufferPointer { cost in
                queries.data.withUnsafeBufferPointer { q in
                    keys.data.withUnsafeBufferPointer { k in
                        let match = match, cost = cost, q = q, k = k
                        Threads.forEach(strips) { s in
                            var scan = Scan(g: geometry, q: q.baseAddress!, k: k.baseAddress!, match: match.baseAddress!,
                                            cost: cost.baseAddress!, mask: mask, weights: weights,
                                            rng: RandomSource(seed: seed &+ UInt64(s + 1) &* 0x9E37_79B9_7F4A_7C15),
                                            rowRange: (s * rows / strips)..<((s + 1) * rows / strips))
                            scan.prepare()
                            for pass in 0..<passes { scan.pass(forward: pass % 2 == 0) }
                        }
                    }
                }
            }
        }
    }

    struct Geometry {
        let columns: Int, keyColumns: Int, keyRows: Int
        let queryStride: Int, keyStride: Int, rowLength: Int, patch: Int

        init(field: NNField, queries: PatchImage, keys: PatchImage, patch: Int) {
            columns = field.columns
            keyColumns = field.keyColumns
            keyRows = field.keyRows
            queryStride = queries.width * PatchImage.lanes
            keyStride = keys.width * PatchImage.lanes
            rowLength = patch * PatchImage.lanes
            self.patch = patch
        }
    }

    /// One strip's scan state.
    struct Scan {
        let g: Geometry
        let q: UnsafePointer<Float>, k: UnsafePointer<Float>
        let match: UnsafeMutablePointer<Int32>, cost: UnsafeMutablePointer<Float>
        let mask: KeyMask?, weights: [Float]?
        var rng: RandomSource
        let rowRange: Range<Int>

        /// Moves disallowed matches to a random allowed key and computes every cost.
        mutating func prepare() {
            for y in rowRange { for x in 0..<g.columns {
                let i = y * g.columns + x
                if let mask, !mask.allowed[Int(match[i])] {
                    match[i] = mask.indices[rng.integer(below: mask.indices.count)]
                }
                cost[i] = weighted(x, y, Int(match[i]), bound: .infinity)
            } }
        }

        mutating func pass(forward: Bool) {
            let step = forward ? 1 : -1
            let ys = forward ? Array(rowRange) : rowRange.reversed()
            for y in ys {
                var x = forward ? 0 : g.columns - 1
                for _ in 0..<g.columns {
                    let i = y * g.columns + x
                    // Propagation: the neighbour we came from, its match shifted one along.
                    if x - step >= 0 && x - step < g.columns { propagate(i, x, y, from: i - step, dx: step, dy: 0) }
                    if rowRange.contains(y - step) { propagate(i, x, y, from: i - step * g.columns, dx: 0, dy: step) }
                    randomSearch(i, x, y)
                    x += step
                }
            }
        }

        @inline(__always)
        private mutating func propagate(_ i: Int, _ x: Int, _ y: Int, from n: Int, dx: Int, dy: Int) {
            let m = Int(match[n])
            let kx = m % g.keyColumns + dx, ky = m / g.keyColumns + dy
            guard kx >= 0 && kx < g.keyColumns && ky >= 0 && ky < g.keyRows else { return }
            tryKey(i, x, y, ky * g.keyColumns + kx)
        }

        private mutating func randomSearch(_ i: Int, _ x: Int, _ y: Int) {
            var radius = max(g.keyColumns, g.keyRows)
            while radius >= 1 {
                let m = Int(match[i])
                let bx = m % g.keyColumns, by = m / g.keyColumns
                let lowX = max(0, bx - radius), highX = min(g.keyColumns - 1, bx + radius)
                let lowY = max(0, by - radius), highY = min(g.keyRows - 1, by + radius)
                let kx = lowX + rng.integer(below: highX - lowX + 1)
                let ky = lowY + rng.integer(below: highY - lowY + 1)
                tryKey(i, x, y, ky * g.keyColumns + kx)
                radius /= 2
            }
        }

        @inline(__always)
        private mutating func tryKey(_ i: Int, _ x: Int, _ y: Int, _ key: Int) {
            guard key != Int(match[i]) else { return }
            if let mask, !mask.allowed[key] { return }
            let c = weighted(x, y, key, bound: cost[i])
            // Ties keep the lower key index, as exact search does.
            if c < cost[i] || (c == cost[i] && key < Int(match[i])) {
                cost[i] = c
                match[i] = Int32(key)
            }
        }

        /// The distance times the key's weight; stops early once it cannot beat `bound`.
        @inline(__always)
        private func weighted(_ x: Int, _ y: Int, _ key: Int, bound: Float) -> Float {
            let w = weights?[key] ?? 1
            let qp = q + y * g.queryStride + x * PatchImage.lanes
            let kp = k + (key / g.keyColumns) * g.keyStride + (key % g.keyColumns) * PatchImage.lanes
            return patchDistance(qp, kp, g, bound: bound / w) * w
        }
    }
}

/// Sum of squared differences of two patches in RGB0 layout, row by row; returns as soon as
/// the partial sum exceeds `bound` (the caller only needs to know it lost).
@inline(__always)
func patchDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ g: PatchMatch.Geometry,
                   bound: Float) -> Float {
    var total: Float = 0
    for r in 0..<g.patch {
        let ra = UnsafeRawPointer(a + r * g.queryStride), rb = UnsafeRawPointer(b + r * g.keyStride)
        var acc = SIMD8<Float>()
        var offset = 0
        while offset + 8 <= g.rowLength {
            let d = ra.loadUnaligned(fromByteOffset: offset * 4, as: SIMD8<Float>.self)
                - rb.loadUnaligned(fromByteOffset: offset * 4, as: SIMD8<Float>.self)
            acc += d * d
            offset += 8
        }
        var sum = acc.sum()
        if offset < g.rowLength {
            let d = ra.loadUnaligned(fromByteOffset: offset * 4, as: SIMD4<Float>.self)
                - rb.loadUnaligned(fromByteOffset: offset * 4, as: SIMD4<Float>.self)
            sum += (d * d).sum()
        }
        total += sum
        if total > bound { return total }
    }
    return total
}
