// K-means on 3-D points (colours in any space): k-means++ seeding from SeededRandom, then
// Lloyd iterations until no point changes cluster or the cap is hit. Single-threaded, so the
// result depends only on the points, k and the seed (not on the thread count).

/// The centres, the centre index of every point, and the Lloyd iterations run.
struct KMeansClusters {
    var centers: [SIMD3<Float>]
    var labels: [Int]
    var iterations: Int
}

/// K-means of `points` with `k` clusters (clamped to 1...points.count). An empty cluster
/// keeps its centre.
func kMeans(_ points: [SIMD3<Float>], k: Int, seed: UInt64, maxIterations: Int) -> KMeansClusters {
    let n = points.count
    guard n > 0 else { return KMeansClusters(centers: [], labels: [], iterations: 0) }
    var centers = kMeansPlusPlus(points, k: min(max(1, k), n), seed: seed)
    var labels = [Int](repeating: -1, count: n)
    var iterations = 0
    while iterations < max(1, maxIterations) {
        iterations += 1
        var changed = false
        for i in 0..<n {
            let label = closestCenter(points[i], centers)
            if label != labels[i] { labels[i] = label; changed = true }
        }
        centers = means(points, labels, keeping: centers)
        if !changed { break }
    }
    for i in 0..<n { labels[i] = closestCenter(points[i], centers) }
    return KMeansClusters(centers: centers, labels: labels, iterations: iterations)
}

/// k-means++: the first centre uniform, each next drawn with probability proportional to the
/// squared distance to the nearest centre so far.
private func kMeansPlusPlus(_ points: [SIMD3<Float>], k: Int, seed: UInt64) -> [SIMD3<Float>] {
    let n = points.count
    var random = SeededRandom(seed: seed)
    var centers = [points[random.below(n)]]
    var nearest = points.map { distance2($0, centers[0]) }
    while centers.count < k {
        let total = nearest.reduce(0.0) { $0 + Double($1) }
        var pick = 0
        if total > 0 {
            var target = random.unit() * total
            for i in 0..<n { target -= Double(nearest[i]); if target < 0 { pick = i; break }; pick = i }
        } else {
            pick = random.below(n)  // every point sits on a centre already
        }
        centers.append(points[pick])
        for i in 0..<n { nearest[i] = min(nearest[i], distance2(points[i], points[pick])) }
    }
    return centers
}

/// The mean of every cluster's points (in Double, so the order of summation barely matters).
private func means(_ points: [SIMD3<Float>], _ labels: [Int], keeping centers: [SIMD3<Float>]) -> [SIMD3<Float>] {
    var sums = [SIMD3<Double>](repeating: .zero, count: centers.count)
    var counts = [Int](repeating: 0, count: centers.count)
    for (p, label) in zip(points, labels) {
        sums[label] += SIMD3<Double>(Double(p.x), Double(p.y), Double(p.z))
        counts[label] += 1
    }
    var result = centers
    for c in 0..<centers.count where counts[c] > 0 {
        let mean = sums[c] / Double(counts[c])
        result[c] = SIMD3<Float>(Float(mean.x), Float(mean.y), Float(mean.z))
    }
    return result
}

@inline(__always)
func distance2(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float {
    let d = a - b
    return (d * d).sum()
}

/// Index of the closest centre (lowest index on a tie).
func closestCenter(_ p: SIMD3<Float>, _ centers: [SIMD3<Float>]) -> Int {
    var best = 0, bestDistance = Float.infinity
    for (c, center) in centers.enumerated() {
        let d = distance2(p, center)
        if d < bestDistance { bestDistance = d; best = c }
    }
    return best
}
