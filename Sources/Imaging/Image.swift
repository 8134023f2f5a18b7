// The image value every Imaging function takes and returns.
//
// Planar RGB floats in [-1, 1], the space the SinGAN reference works in (x/255*2-1 for an
// 8-bit sample). Planar rather than interleaved because the SinGAN module's tensors are
// NCHW: converting is then three contiguous copies, and the resize passes read one plane
// at a time.

/// An RGB image: `pixels` holds 3 planes of `height * width` floats, each plane row-major,
/// values nominally in [-1, 1] (-1 black, 1 white, 0 mid-gray).
public struct Image: Equatable, Sendable {
    public static let channels = 3

    public var width: Int
    public var height: Int
    /// Planar RGB: index `(c * height + y) * width + x`.
    public var pixels: [Float]

    /// An image filled with one value in every channel (0 is mid-gray). Negative sizes give
    /// an empty image rather than a trap.
    public init(width: Int, height: Int, fill: Float = 0) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.pixels = [Float](repeating: fill, count: Image.channels * self.width * self.height)
    }

    /// An image filled with one colour given per channel, in [-1, 1].
    public init(width: Int, height: Int, color: (Float, Float, Float)) {
        self.init(width: width, height: height)
        let plane = self.width * self.height
        let values = [color.0, color.1, color.2]
        for c in 0..<Image.channels {
            for i in 0..<plane { pixels[c * plane + i] = values[c] }
        }
    }

    /// Wraps existing planar data. The count must be `3 * width * height`; a mismatch is a
    /// programming error in the caller, not something user input can reach.
    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(width >= 0 && height >= 0 && pixels.count == Image.channels * width * height,
                     "Image(width: \(width), height: \(height)) needs \(Image.channels * width * height) values, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public var planeSize: Int { width * height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// The flat index of channel `c` at column `x`, row `y`.
    @inline(__always)
    public func index(_ c: Int, _ x: Int, _ y: Int) -> Int { (c * height + y) * width + x }

    /// One sample. Out-of-range coordinates are a programming error (array bounds trap).
    public subscript(c c: Int, x x: Int, y y: Int) -> Float {
        get { pixels[index(c, x, y)] }
        set { pixels[index(c, x, y)] = newValue }
    }

    /// The three channel values of one pixel.
    public func rgb(x: Int, y: Int) -> (Float, Float, Float) {
        (self[c: 0, x: x, y: y], self[c: 1, x: x, y: y], self[c: 2, x: x, y: y])
    }

    /// One channel plane, row-major.
    public func plane(_ c: Int) -> ArraySlice<Float> {
        pixels[(c * planeSize)..<((c + 1) * planeSize)]
    }

    /// Converts an 8-bit sample (0...255) to the [-1, 1] space, as the reference does.
    @inline(__always)
    public static func fromByte(_ v: UInt8) -> Float { Float(v) / 255 * 2 - 1 }

    /// Converts a [-1, 1] value to an 8-bit sample: clamped, then rounded to nearest.
    @inline(__always)
    public static func toByte(_ v: Float) -> UInt8 {
        let unit = (v + 1) * 0.5
        guard !unit.isNaN else { return 0 }  // NaN becomes black rather than trapping
        let scaled = (min(max(unit, 0), 1) * 255).rounded()
        return UInt8(scaled)
    }

    /// Largest absolute per-sample difference to another image of the same size
    /// (`.infinity` when the sizes differ). Handy in tests and for sanity checks.
    public func maxAbsDifference(_ other: Image) -> Float {
        guard width == other.width, height == other.height else { return .infinity }
        var worst: Float = 0
        for i in 0..<pixels.count { worst = max(worst, abs(pixels[i] - other.pixels[i])) }
        return worst
    }
}
