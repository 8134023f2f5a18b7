// K-means colour quantisation, for paint-to-image: the reference clusters the training image's
// colours into 5 centres (sklearn KMeans, random_state 0) and maps the painting onto them.
// We do not reproduce sklearn's stream; we are deterministic for a seed instead: k-means++
// seeding from SeededRandom, then Lloyd iterations until nothing moves or the cap is hit
// (KMeans.swift).

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
    let points = (0..<n).map { i in SIMD3<Float>(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i]) }
    let clusters = kMeans(points, k: k, seed: seed, maxIterations: maxIterations)
    let centers = clusters.centers, labels = clusters.labels, iterations = clusters.iterations
    return KMeansResult(centers: centers.map { ($0.x, $0.y, $0.z) }, labels: labels,
                        image: paint(labels, centers, like: image), iterations: iterations)
}

/// Every pixel replaced by the nearest of `centers` (how the reference maps the painting).
public func mapToNearestCenter(_ image: Image, centers: [(r: Float, g: Float, b: Float)]) -> Image {
    guard !centers.isEmpty else { return image }
    let n = image.planeSize
    let c3 = centers.map { SIMD3<Float>($0.r, $0.g, $0.b) }
    let labels = (0..<n).map { i in closestCenter(SIMD3<Float>(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i]), c3) }
    return paint(labels, c3, like: image)
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
