// One global 256-colour palette for a whole animation: median cut over a sample of every
// frame's pixels. A global palette keeps colours from flickering between frames, and
// median cut is deterministic (no random seeds) and fast on the sample.

/// A palette of up to 256 RGB colours and fast nearest-colour lookup into it.
public struct GIFPalette: Sendable {
    /// The colours, `count` of them, as RGB bytes (`3 * count` values).
    public let colors: [UInt8]
    public var count: Int { colors.count / 3 }

    /// Entries sorted by red, with their palette index, for the pruned nearest search.
    private let byRed: [Entry]

    private struct Entry: Sendable {
        var r: Int, g: Int, b: Int, index: UInt8
    }

    public init(colors: [UInt8]) {
        let count = min(256, colors.count / 3)
        self.colors = Array(colors.prefix(count * 3))
        var entries: [Entry] = []
        for e in 0..<count {
            entries.append(Entry(r: Int(colors[e * 3]), g: Int(colors[e * 3 + 1]), b: Int(colors[e * 3 + 2]), index: UInt8(e)))
        }
        byRed = entries.sorted { $0.r != $1.r ? $0.r < $1.r : $0.index < $1.index }
    }

    /// The palette entry closest in squared RGB distance (lowest index on a tie).
    /// Entries are sorted by red, so the search walks outwards from the pixel's red value
    /// and stops once the red difference alone exceeds the best distance found.
    public func nearest(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        var lo = 0, hi = byRed.count
        while lo < hi { let mid = (lo + hi) / 2; if byRed[mid].r < r { lo = mid + 1 } else { hi = mid } }
        var best = Int.max, bestIndex: UInt8 = 0
        func consider(_ e: Entry) {
            let dr = e.r - r, dg = e.g - g, db = e.b - b
            let d = dr * dr + dg * dg + db * db
            if d < best || (d == best && e.index < bestIndex) { best = d; bestIndex = e.index }
        }
        var up = lo, down = lo - 1
        while up < byRed.count || down >= 0 {
            if up < byRed.count {
                let dr = byRed[up].r - r
                if dr * dr > best { up = byRed.count } else { consider(byRed[up]); up += 1 }
            }
            if down >= 0 {
                let dr = r - byRed[down].r
                if dr * dr > best { down = -1 } else { consider(byRed[down]); down -= 1 }
            }
        }
        return bestIndex
    }

    /// Median cut over `samples` (interleaved RGB bytes) down to at most `maxColors` colours.
    /// When the samples hold no more distinct colours than that, they are used exactly.
    public static func medianCut(_ samples: [UInt8], maxColors: Int = 256) -> GIFPalette {
        let limit = max(1, min(256, maxColors))
        var pixels: [UInt32] = []
        pixels.reserveCapacity(samples.count / 3)
        for i in 0..<(samples.count / 3) {
            let r = UInt32(samples[i * 3]), g = UInt32(samples[i * 3 + 1]), b = UInt32(samples[i * 3 + 2])
            pixels.append(r << 16 | g << 8 | b)
        }
        guard !pixels.isEmpty else { return GIFPalette(colors: [0, 0, 0]) }
        let distinct = Set(pixels)
        if distinct.count <= limit {
            var colors: [UInt8] = []
            for p in distinct.sorted() { colors += [UInt8(p >> 16), UInt8((p >> 8) & 255), UInt8(p & 255)] }
            return GIFPalette(colors: colors)
        }
        var boxes = [ColorBox(pixels, 0..<pixels.count)]
        while boxes.count < limit {
            // Split the box with the most population times extent: big, varied regions get
            // the most colours, which keeps smooth gradients (skies) from banding.
            guard let pick = boxes.indices.filter({ boxes[$0].canSplit })
                .max(by: { boxes[$0].score < boxes[$1].score }) else { break }
            let box = boxes[pick]
            let shift = box.longestChannelShift
            pixels[box.range].sort { ($0 >> shift) & 255 < ($1 >> shift) & 255 }
            let middle = box.range.lowerBound + box.range.count / 2
            boxes[pick] = ColorBox(pixels, box.range.lowerBound..<middle)
            boxes.append(ColorBox(pixels, middle..<box.range.upperBound))
        }
        var colors: [UInt8] = []
        for box in boxes {
            var sum = [0, 0, 0]
            for p in pixels[box.range] { sum[0] += Int(p >> 16); sum[1] += Int((p >> 8) & 255); sum[2] += Int(p & 255) }
            let n = box.range.count
            colors += sum.map { UInt8((2 * $0 + n) / (2 * n)) }  // rounded mean
        }
        return GIFPalette(colors: colors)
    }
}

/// A run of sample pixels (packed 0xRRGGBB) and its extent per channel.
private struct ColorBox {
    let range: Range<Int>
    let extent: [Int]  // max - min of red, green, blue

    init(_ pixels: [UInt32], _ range: Range<Int>) {
        self.range = range
        var low = [255, 255, 255], high = [0, 0, 0]
        for p in pixels[range] {
            for (c, shift) in [16, 8, 0].enumerated() {
                let v = Int((p >> UInt32(shift)) & 255)
                low[c] = min(low[c], v); high[c] = max(high[c], v)
            }
        }
        extent = (0..<3).map { max(0, high[$0] - low[$0]) }
    }

    var canSplit: Bool { range.count >= 2 && (extent.max() ?? 0) > 0 }
    var score: Double { Double(range.count) * Double(extent.max() ?? 0) }
    var longestChannelShift: UInt32 {
        let c = extent.firstIndex(of: extent.max() ?? 0) ?? 0
        return [16, 8, 0][c]
    }
}
