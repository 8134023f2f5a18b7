// Gaussian blur as skimage.filters.gaussian does it (scipy.ndimage.gaussian_filter): a
// separable kernel exp(-x^2 / 2 sigma^2), normalised, truncated at 4 sigma (radius
// int(4 sigma + 0.5), 20 taps each side for sigma 5), edges extended with the nearest pixel
// (skimage's default mode 'nearest').
import Glibc

/// The normalised 1-D kernel, `2 * radius + 1` taps.
public func gaussianKernel(sigma: Double, truncate: Double = 4) -> [Double] {
    guard sigma.isFinite, sigma > 0 else { return [1] }
    let radius = Int(min(truncate * sigma + 0.5, 10_000))
    let taps = (-radius...radius).map { x -> Double in
        let d = Double(x)
        return exp(-0.5 * d * d / (sigma * sigma))
    }
    let sum = taps.reduce(0, +)
    return taps.map { $0 / sum }
}

/// Blurs one plane of `width x height` floats in place of a copy.
func blurPlane(_ plane: ArraySlice<Float>, width: Int, height: Int, kernel: [Double]) -> [Float] {
    let radius = kernel.count / 2
    let source = Array(plane)
    var across = [Double](repeating: 0, count: width * height)
    var out = [Float](repeating: 0, count: width * height)
    guard width > 0, height > 0 else { return out }
    source.withUnsafeBufferPointer { src in
        across.withUnsafeMutableBufferPointer { mid in
            for y in 0..<height {
                for x in 0..<width {
                    var sum = 0.0
                    for k in 0..<kernel.count {
                        let xx = min(max(x + k - radius, 0), width - 1)
                        sum += kernel[k] * Double(src[y * width + xx])
                    }
                    mid[y * width + x] = sum
                }
            }
        }
    }
    across.withUnsafeBufferPointer { mid in
        out.withUnsafeMutableBufferPointer { dst in
            for y in 0..<height {
                for x in 0..<width {
                    var sum = 0.0
                    for k in 0..<kernel.count {
                        let yy = min(max(y + k - radius, 0), height - 1)
                        sum += kernel[k] * mid[yy * width + x]
                    }
                    dst[y * width + x] = Float(sum)
                }
            }
        }
    }
    return out
}

/// Gaussian blur of a mask (see the file comment for truncation and edges).
public func gaussianBlur(_ mask: Mask, sigma: Double) -> Mask {
    let kernel = gaussianKernel(sigma: sigma)
    return Mask(width: mask.width, height: mask.height,
                values: blurPlane(mask.values[...], width: mask.width, height: mask.height, kernel: kernel))
}

/// Gaussian blur of each channel of an image.
public func gaussianBlur(_ image: Image, sigma: Double) -> Image {
    let kernel = gaussianKernel(sigma: sigma)
    var pixels: [Float] = []
    for c in 0..<Image.channels {
        pixels += blurPlane(image.plane(c), width: image.width, height: image.height, kernel: kernel)
    }
    return Image(width: image.width, height: image.height, pixels: pixels)
}
