// K-means colour quantisation, for paint-to-image: the reference clusters the training image's
// colours into 5 centres (sklearn KMeans, random_state 0) and maps the painting onto them.
// We do not reproduce sklearn's stream; we are deterministic for a seed instead: k-means++
// seeding from SeededRandom, then Lloyd iterations until nothing moves or the cap is hit.

/// Cluster centres in the image's [-1, 1] RGB space and the image mapped onto them.
public struct KMeansResult: Sendable {
    public var centers: [(r: Float, g: Float, b: Float)]
    /// The centre index of every pixel, row-major.
    public var labels: [Int]
    /// Every pixel replaced by its centre.
    public var image: Image
    public var iterations: Int
}

/// K-means on the pixels of `image` with `k` clusters (clamped to 1...pixel count).
public func kMeansQuantize(_ image: Image, k: Int, seed: UInt64 = 0, maxIterations: Int = 100) -> KMeansResult {
    let n = image.planeSize
    guard n > 0 else { return KMeansResult(centers: [], labels: [], image: image, iterations: 0) }
    let k = min(max(1, k), n)
    let points = (0..<n).map { i in SIMD3<Float>(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i]) }
    var random = SeededRandom(seed: seed)

    // k-means++: each next centre drawn with probability proportional to squared distance.
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

    var labels = [Int](repeating: -1, count: n)
    var iterations = 0
    while iterations < max(1, maxIterations) {
        iterations += 1
        var changed = false
        for i in 0..<n {
            let label = closest(points[i], centers)
            if label != labels[i] { labels[i] = label; changed = true }
        }
        var sums = [SIMD3<Double>](repeating: .zero, count: k), counts = [Int](repeating: 0, count: k)
        for i in 0..<n {
            sums[labels[i]] += SIMD3<Double>(Double(points[i].x), Double(points[i].y), Double(points[i].z))
            counts[labels[i]] += 1
        }
        for c in 0..<k where counts[c] > 0 {  // an empty cluster keeps its centre
            let mean = sums[c] / Double(counts[c])
            centers[c] = SIMD3<Float>(Float(mean.x), Float(mean.y), Float(mean.z))
        }
        if !changed { break }
    }
    for i in 0..<n { labels[i] = closest(points[i], centers) }
    return KMeansResult(centers: centers.map { ($0.x, $0.y, $0.z) }, labels: labels,
                        image: paint(labels, centers, like: image), iterations: iterations)
}

/// Every pixel replaced by the nearest of `centers` (how the reference maps the painting).
public func mapToNearestCenter(_ image: Image, centers: [(r: Float, g: Float, b: Float)]) -> Image {
    guard !centers.isEmpty else { return image }
    let n = image.planeSize
    let c3 = centers.map { SIMD3<Float>($0.r, $0.g, $0.b) }
    let labels = (0..<n).map { i in closest(SIMD3<Float>(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i]), c3) }
    return paint(labels, c3, like: image)
}

@inline(__always)
private func distance2(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float {
    let d = a - b
    return (d * d).sum()
}

/// Index of the closest centre (lowest index on a tie).
private func closest(_ p: SIMD3<Float>, _ centers: [SIMD3<Float>]) -> Int {
    var best = 0, bestDistance = Float.infinity
    for (c, center) in centers.enumerated() {
        let d = distance2(p, center)
        if d < bestDistance { bestDistance = d; best = c }
    }
    return best
}

private func paint(_ labels: [Int], _ centers: [SIMD3<Float>], like image: Image) -> Image {
    var out = image
    let n = image.planeSize
    for i in 0..<n {
        let c = centers[labels[i]]
        out.pixels[i] = c.x; out.pixels[n + i] = c.y; out.pixels[2 * n + i] = c.z
    }
    return out
}
