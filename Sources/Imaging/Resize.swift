// Image resizing with the reference's bicubic (weights in ResizeWeights.swift): separable,
// one axis at a time in order of increasing scale, axes with scale exactly 1 skipped,
// float64 throughout and Float at the end.

/// What happens to values around the resize.
public enum ResizeMode: Sendable {
    /// A pure linear filter: no quantisation, no clamping (overshoot of the negative lobes kept).
    case linear
    /// Linear, then clamped to [-1, 1] as the reference's output conversion does.
    case clamped
    /// The reference bit for bit: the input goes through its uint8 conversion first
    /// (clamp to [0, 1], * 255 in float32, truncate), the resize runs on 0...255 values, and the
    /// result is mapped back with /255, (x - 0.5) * 2 and clamped to [-1, 1].
    case reference8Bit
}

/// Resizes by one factor on both axes; the output is `ceil(size * scale)` per axis.
/// A scale that is not a positive finite number returns the image unchanged.
public func resize(_ image: Image, scale: Double, mode: ResizeMode = .linear) -> Image {
    resize(image, scaleX: scale, scaleY: scale, mode: mode)
}

/// Resizes with separate factors; the output is `ceil(width * scaleX) x ceil(height * scaleY)`.
/// Outputs over `PNGLimits.maxPixels` are not attempted: the image comes back unchanged.
public func resize(_ image: Image, scaleX: Double, scaleY: Double, mode: ResizeMode = .linear) -> Image {
    guard validScale(scaleX), validScale(scaleY) else { return image }
    return resample(image, width: resizedLength(image.width, scale: scaleX), scaleX: scaleX,
                    height: resizedLength(image.height, scale: scaleY), scaleY: scaleY, mode: mode)
}

/// Resizes to an exact size, as the reference's `imresize_to_shape`: the scale per axis is
/// out/in. Sizes below 1 return the image unchanged.
public func resize(_ image: Image, width: Int, height: Int, mode: ResizeMode = .linear) -> Image {
    guard width >= 1, height >= 1, !image.isEmpty else { return image }
    return resample(image, width: width, scaleX: Double(width) / Double(image.width),
                    height: height, scaleY: Double(height) / Double(image.height), mode: mode)
}

/// The between-scale step of SinGAN: resize by `scale` (the caller passes `1 / sf`, computed
/// in float64 as the reference does) and keep the top-left `width x height`. ceil makes the
/// resized image at least that big; should it ever fall short, the last row/column repeat.
public func upsampleAndCrop(_ image: Image, scale: Double, width: Int, height: Int,
                            mode: ResizeMode = .linear) -> Image {
    crop(resize(image, scale: scale, mode: mode), x: 0, y: 0, width: width, height: height,
         extendEdges: true)
}

/// The output size `resize(_:scale:)` produces, for planning pyramids without resizing.
public func resizedSize(width: Int, height: Int, scale: Double) -> (width: Int, height: Int) {
    (resizedLength(width, scale: scale), resizedLength(height, scale: scale))
}

private func validScale(_ s: Double) -> Bool { s.isFinite && s > 0 && s < 1e6 }

private func resample(_ image: Image, width: Int, scaleX: Double, height: Int, scaleY: Double,
                      mode: ResizeMode) -> Image {
    // Sizes come from user-supplied scales: check the product without overflowing.
    let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
    guard !image.isEmpty, width >= 1, height >= 1, !overflow, pixels <= PNGLimits.maxPixels else { return image }
    var planes = toDouble(image, mode: mode)
    var w = image.width, h = image.height
    // Increasing scale; on a tie the vertical axis (numpy's dim 0) goes first.
    let verticalFirst = scaleY <= scaleX
    for vertical in (verticalFirst ? [true, false] : [false, true]) {
        if vertical {
            if scaleY == 1.0 { continue }
            let weights = resizeWeights(inLength: h, outLength: height, scale: scaleY)
            planes = resampleColumns(planes, width: w, height: h, weights: weights)
            h = height
        } else {
            if scaleX == 1.0 { continue }
            let weights = resizeWeights(inLength: w, outLength: width, scale: scaleX)
            planes = resampleRows(planes, rows: Image.channels * h, width: w, weights: weights)
            w = width
        }
    }
    // Skipped axes (scale exactly 1) keep the input length, as in the reference.
    var out = Image(width: w, height: h)
    let unitMode = mode
    planes.withUnsafeBufferPointer { src in
        out.pixels.withUnsafeMutableBufferPointer { dst in
            for i in 0..<src.count { dst[i] = fromDouble(src[i], mode: unitMode) }
        }
    }
    return out
}

/// The nonzero taps of each output, packed: output `o` uses `index[start[o]..<start[o+1]]`.
/// Upsampling has 6 taps of which 4 carry weight, so this skips a third of the work.
private struct PackedTaps {
    var start: [Int] = [0]
    var index: [Int] = []
    var weight: [Double] = []

    init(_ weights: ResizeWeights) {
        for o in 0..<weights.outLength {
            for t in 0..<weights.taps where weights.weights[o * weights.taps + t] != 0 {
                index.append(weights.indices[o * weights.taps + t])
                weight.append(weights.weights[o * weights.taps + t])
            }
            start.append(index.count)
        }
    }
}

/// Along x: every row of every plane, each output a weighted sum of its taps.
private func resampleRows(_ input: [Double], rows: Int, width: Int, weights: ResizeWeights) -> [Double] {
    let outWidth = weights.outLength
    let taps = PackedTaps(weights)
    var output = [Double](repeating: 0, count: rows * outWidth)
    input.withUnsafeBufferPointer { src in
        output.withUnsafeMutableBufferPointer { dst in
            taps.start.withUnsafeBufferPointer { start in
                taps.index.withUnsafeBufferPointer { index in
                    taps.weight.withUnsafeBufferPointer { weight in
                        for r in 0..<rows {
                            let row = r * width
                            for o in 0..<outWidth {
                                var sum = 0.0
                                for k in start[o]..<start[o + 1] { sum += weight[k] * src[row + index[k]] }
                                dst[r * outWidth + o] = sum
                            }
                        }
                    }
                }
            }
        }
    }
    return output
}

/// Along y: each output row is a weighted sum of whole input rows (a vectorisable axpy).
private func resampleColumns(_ input: [Double], width: Int, height: Int, weights: ResizeWeights) -> [Double] {
    let outHeight = weights.outLength
    let taps = PackedTaps(weights)
    var output = [Double](repeating: 0, count: Image.channels * outHeight * width)
    input.withUnsafeBufferPointer { src in
        output.withUnsafeMutableBufferPointer { dst in
            for c in 0..<Image.channels {
                for o in 0..<outHeight {
                    let out = (c * outHeight + o) * width
                    for k in taps.start[o]..<taps.start[o + 1] {
                        let w = taps.weight[k]
                        let row = (c * height + taps.index[k]) * width
                        for x in 0..<width { dst[out + x] += w * src[row + x] }
                    }
                }
            }
        }
    }
    return output
}

private func toDouble(_ image: Image, mode: ResizeMode) -> [Double] {
    switch mode {
    case .linear, .clamped:
        return image.pixels.map { Double($0) }
    case .reference8Bit:
        // torch: (x + 1) / 2, clamp(0, 1), * 255 in float32; numpy astype(uint8) truncates.
        return image.pixels.map { x -> Double in
            let unit = min(max((x + 1) / 2, 0), 1)
            return unit.isNaN ? 0 : Double((255 * unit).rounded(.down))
        }
    }
}

@inline(__always)
private func fromDouble(_ v: Double, mode: ResizeMode) -> Float {
    switch mode {
    case .linear: return Float(v)
    case .clamped: return min(max(Float(v), -1), 1)
    case .reference8Bit:
        // numpy /255 in float64, torch float32 (x - 0.5) * 2, clamp(-1, 1).
        return min(max((Float(v / 255) - 0.5) * 2, -1), 1)
    }
}
