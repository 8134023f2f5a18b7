import Tensor

/// Patch descriptors of one pyramid level: `count` rows of `dimension` floats, each row a
/// 7x7 patch ordered channel, row, column (so channel c owns entries c*49 ..< (c+1)*49).
struct PatchDescriptors {
    var count: Int
    var dimension: Int
    var values: [Float]
}

/// The pieces of PGGAN's sliced Wasserstein distance between two sets of patches.
enum SlicedWasserstein {
    static let patchSize = 7
    /// Directions are drawn up front and projected in batches of this many, one batch per task.
    static let directionBatch = 128

    /// Up to `limit` 7x7 patches of `level` at distinct random positions; every position, in
    /// raster order, when the level has no more than `limit` (PGGAN draws with replacement;
    /// distinct positions waste no draws on duplicates at the small levels).
    static func patches(of level: ImagePlanes, limit: Int, rng: inout RandomSource) -> PatchDescriptors {
        let p = patchSize, dimension = level.channels * p * p
        let across = level.width - p + 1, down = level.height - p + 1
        let positions = max(0, across) * max(0, down)
        var chosen = Array(0..<positions)
        if positions > limit {
            // Partial Fisher-Yates: the first `limit` entries become a uniform random subset.
            for i in 0..<limit { chosen.swapAt(i, i + rng.integer(below: positions - i)) }
            chosen.removeSubrange(limit...)
        }
        var values = [Float](repeating: 0, count: chosen.count * dimension)
        for (row, position) in chosen.enumerated() {
            let top = position / across, left = position % across
            var j = row * dimension
            for c in 0..<level.channels {
                for dy in 0..<p {
                    let start = (c * level.height + top + dy) * level.width + left
                    for dx in 0..<p { values[j] = level.values[start + dx]; j += 1 }
                }
            }
        }
        return PatchDescriptors(count: chosen.count, dimension: dimension, values: values)
    }

    /// Shifts and scales each channel's entries to mean 0, std 1 over all patches of all the
    /// given sets together. A channel with no spread is only centred (its entries become 0).
    static func normalize(_ sets: inout [PatchDescriptors], channels: Int) {
        let perChannel = sets.first.map { $0.dimension / max(channels, 1) } ?? 0
        for c in 0..<channels {
            let range = (c * perChannel)..<((c + 1) * perChannel)
            var sum = 0.0, sumSquares = 0.0, n = 0.0
            for set in sets {
                for row in 0..<set.count {
                    for j in range {
                        let v = Double(set.values[row * set.dimension + j])
                        sum += v; sumSquares += v * v
                    }
                }
                n += Double(set.count * perChannel)
            }
            guard n > 0 else { continue }
            let mean = sum / n
            let std = max(0, sumSquares / n - mean * mean).squareRoot()
            let scale = std > 1e-12 ? 1 / std : 1
            for s in sets.indices {
                for row in 0..<sets[s].count {
                    for j in range {
                        let i = row * sets[s].dimension + j
                        sets[s].values[i] = Float((Double(sets[s].values[i]) - mean) * scale)
                    }
                }
            }
        }
    }

    /// Sliced Wasserstein-1 distance: the mean over `directions` random unit directions of the
    /// mean absolute difference between the sorted projections of `a` and of `b`.
    static func distance(_ a: PatchDescriptors, _ b: PatchDescriptors, directions: Int, rng: inout RandomSource) -> Double {
        let d = a.dimension
        guard a.count > 0, b.count > 0, directions > 0, d == b.dimension, d > 0 else { return 0 }
        // Directions come from `rng` serially, before any threads start: results never
        // depend on the thread count.
        var units = [Float](repeating: 0, count: directions * d)
        for k in 0..<directions {
            var squares = 0.0
            for j in 0..<d { let v = rng.normal(); units[k * d + j] = v; squares += Double(v) * Double(v) }
            let inverse = Float(1 / max(squares, 1e-30).squareRoot())
            for j in 0..<d { units[k * d + j] *= inverse }
        }
        // Column-major copies (entry j of every patch contiguous), so a projection is a sum
        // of scaled columns: a loop the compiler vectorises, unlike a float dot product.
        let columnsA = columnMajor(a), columnsB = columnMajor(b)
        let batches = (directions + directionBatch - 1) / directionBatch
        var batchSums = [Double](repeating: 0, count: batches)
        batchSums.withUnsafeMutableBufferPointer { sums in
            Threads.forEach(batches) { batch in
                var total = 0.0
                let first = batch * directionBatch, end = min(directions, first + directionBatch)
                var k = first
                while k < end {
                    // A few directions per pass over the columns, to reuse each loaded value.
                    let group = min(projectionGroup, end - k)
                    let pa = sortedProjections(columnsA, count: a.count, dimension: d, units: units, first: k, group: group)
                    let pb = sortedProjections(columnsB, count: b.count, dimension: d, units: units, first: k, group: group)
                    for g in 0..<group { total += meanAbsoluteDifference(pa[g], pb[g]) }
                    k += group
                }
                sums[batch] = total
            }
        }
        return batchSums.reduce(0, +) / Double(directions)
    }

    private static let projectionGroup = 4

    private static func columnMajor(_ set: PatchDescriptors) -> [Float] {
        var columns = [Float](repeating: 0, count: set.values.count)
        for i in 0..<set.count {
            for j in 0..<set.dimension { columns[j * set.count + i] = set.values[i * set.dimension + j] }
        }
        return columns
    }

    /// Projections of every patch onto directions first ..< first + group (at most 4), each sorted.
    private static func sortedProjections(_ columns: [Float], count n: Int, dimension d: Int, units: [Float],
                                          first: Int, group: Int) -> [[Float]] {
        var out = [Float](repeating: 0, count: 4 * n)
        columns.withUnsafeBufferPointer { col in
            units.withUnsafeBufferPointer { u in
                out.withUnsafeMutableBufferPointer { p in
                    for j in 0..<d {
                        let w0 = u[first * d + j]
                        let w1 = group > 1 ? u[(first + 1) * d + j] : 0
                        let w2 = group > 2 ? u[(first + 2) * d + j] : 0
                        let w3 = group > 3 ? u[(first + 3) * d + j] : 0
                        let c = j * n
                        for i in 0..<n {
                            let v = col[c + i]
                            p[i] += w0 * v
                            p[n + i] += w1 * v
                            p[2 * n + i] += w2 * v
                            p[3 * n + i] += w3 * v
                        }
                    }
                }
            }
        }
        return (0..<group).map { g in Array(out[(g * n)..<((g + 1) * n)]).sorted() }
    }

    /// Mean |x - y| between two sorted samples. With unequal counts the larger is read at
    /// the midpoint quantiles of the smaller ((i + 1/2) / m): the 1-D Wasserstein distance
    /// between the two empirical distributions, approximated on the smaller one's grid.
    static func meanAbsoluteDifference(_ x: [Float], _ y: [Float]) -> Double {
        let (small, large) = x.count <= y.count ? (x, y) : (y, x)
        let m = small.count, n = large.count
        guard m > 0 else { return 0 }
        var total = 0.0
        for i in 0..<m {
            total += Double(abs(small[i] - large[(2 * i + 1) * n / (2 * m)]))
        }
        return total / Double(m)
    }
}
