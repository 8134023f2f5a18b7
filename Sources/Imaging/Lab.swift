// CIELAB, the perceptual colour space label maps are clustered and snapped in: a Euclidean
// distance there (ΔE*76) tracks how different two colours look, so k-means does not split a
// sky into two blues while merging a dark green with a dark brown, as it tends to in RGB.
// sRGB (IEC 61966-2-1) with the D65 white point; only the forward transform is needed.

import Foundation

/// The CIELAB colour of an sRGB colour given in the image's [-1, 1] range (clamped).
public func labColor(_ r: Float, _ g: Float, _ b: Float) -> SIMD3<Float> {
    let red = linearSRGB(r), green = linearSRGB(g), blue = linearSRGB(b)
    let x = (0.4124564 * red + 0.3575761 * green + 0.1804375 * blue) / 0.95047
    let y = 0.2126729 * red + 0.7151522 * green + 0.0721750 * blue
    let z = (0.0193339 * red + 0.1191920 * green + 0.9503041 * blue) / 1.08883
    let fx = labCurve(x), fy = labCurve(y), fz = labCurve(z)
    return SIMD3<Float>(Float(116 * fy - 16), Float(500 * (fx - fy)), Float(200 * (fy - fz)))
}

/// Every pixel of `image` in CIELAB, row-major.
func labPixels(_ image: Image) -> [SIMD3<Float>] {
    let n = image.planeSize
    return (0..<n).map { i in labColor(image.pixels[i], image.pixels[n + i], image.pixels[2 * n + i]) }
}

/// The sRGB decoding curve, for a value in [-1, 1]; in Double so every machine agrees.
private func linearSRGB(_ value: Float) -> Double {
    let v = min(max(Double(value + 1) / 2, 0), 1)
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
}

private func labCurve(_ t: Double) -> Double {
    let delta = 6.0 / 29.0
    return t > delta * delta * delta ? cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0
}
