// The layout the patch search reads: pixels interleaved with a fourth, always-zero channel
// (RGB0). A patch row of p pixels is then 4p contiguous floats, a whole number of SIMD4
// (and mostly SIMD8) loads, and the zero lane adds nothing to any distance.
import Imaging

/// An image as `height * width` pixels of 4 floats (R, G, B, 0), row-major, [-1, 1].
struct PatchImage {
    static let lanes = 4

    let width: Int
    let height: Int
    var data: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        data = [Float](repeating: 0, count: width * height * PatchImage.lanes)
    }

    init(_ image: Image) {
        self.init(width: image.width, height: image.height)
        let plane = image.planeSize
        image.pixels.withUnsafeBufferPointer { src in
            data.withUnsafeMutableBufferPointer { dst in
                for i in 0..<plane {
                    dst[4 * i] = src[i]
                    dst[4 * i + 1] = src[plane + i]
                    dst[4 * i + 2] = src[2 * plane + i]
                }
            }
        }
    }

    /// Back to the planar image the rest of sgs uses.
    var image: Image {
        var out = Image(width: width, height: height)
        let plane = width * height
        data.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<plane {
                    dst[i] = src[4 * i]
                    dst[plane + i] = src[4 * i + 1]
                    dst[2 * plane + i] = src[4 * i + 2]
                }
            }
        }
        return out
    }

    /// Patch positions (top-left corners) per axis: every position where a whole p x p patch
    /// fits, no padding (padded patches are fake and would be picked).
    func positions(_ p: Int) -> (x: Int, y: Int) { (max(0, width - p + 1), max(0, height - p + 1)) }
}

/// Which patch positions of an image may serve as keys (all, or those wholly outside a hole).
struct KeyMask {
    /// Per position `y * columns + x`: true if the patch there may be used.
    let allowed: [Bool]
    /// The allowed positions in increasing order.
    let indices: [Int32]

    init(allowed: [Bool]) {
        self.allowed = allowed
        indices = allowed.indices.compactMap { allowed[$0] ? Int32($0) : nil }
    }
}
