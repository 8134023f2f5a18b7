// Animated GIF89a writer: one global median-cut palette, nearest-colour mapping (optionally
// with a light ordered dither), our own LZW, a NETSCAPE2.0 loop block and a per-frame delay.

/// How pixels are mapped to the palette.
public enum GIFDithering: Sendable {
    /// Plain nearest colour: stable between frames, may band on smooth gradients.
    case none
    /// A light 4x4 Bayer dither (+-8 levels): breaks up banding without the frame-to-frame
    /// crawling of error diffusion.
    case ordered
}

/// Writes `frames` (all the same size) as a looping animated GIF, via a temporary file in the
/// same folder that is renamed into place.
/// - Parameters:
///   - fps: frames per second; GIF stores delays in hundredths of a second, so the delay is
///     `round(100 / fps)`, at least 2 (browsers slow smaller delays down to 10).
///   - loopCount: 0 loops forever.
public func writeGIF(_ frames: [Image], to path: String, fps: Double = 10, loopCount: Int = 0,
                     dithering: GIFDithering = .none) throws {
    let bytes = try encodeGIF(frames, fps: fps, loopCount: loopCount, dithering: dithering, path: path)
    try FileBytes.write(bytes, to: path)
}

/// The bytes of the GIF `writeGIF` would write. `path` only names the file in errors.
public func encodeGIF(_ frames: [Image], fps: Double = 10, loopCount: Int = 0,
                      dithering: GIFDithering = .none, path: String = "animation.gif") throws -> [UInt8] {
    guard let first = frames.first else {
        throw ImagingError(path: path, reason: .invalidArgument("an animation needs at least one frame"))
    }
    let width = first.width, height = first.height
    guard width >= 1, height >= 1, width <= 65535, height <= 65535 else {
        throw ImagingError(path: path, reason: .invalidArgument("GIF frames must be 1...65535 pixels on a side, not \(width) x \(height)"))
    }
    if let odd = frames.first(where: { $0.width != width || $0.height != height }) {
        throw ImagingError(path: path, reason: .invalidArgument(
            "all frames must be the same size (\(width) x \(height), found \(odd.width) x \(odd.height))"))
    }
    guard fps.isFinite, fps > 0 else {
        throw ImagingError(path: path, reason: .invalidArgument("fps must be a positive number, not \(fps)"))
    }
    let delay = UInt16(min(65535, max(2, (100 / fps).rounded())))
    let rgbFrames = frames.map(interleavedBytes)
    let palette = GIFPalette.medianCut(paletteSample(rgbFrames), maxColors: 256)

    var out: [UInt8] = Array("GIF89a".utf8)
    out += le16(width) + le16(height)
    out += [0xF7, 0, 0]  // global table of 2^(7+1) entries, 8-bit colour resolution; bg 0; no aspect
    out += palette.colors + [UInt8](repeating: 0, count: 768 - palette.colors.count)
    out += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01] + le16(max(0, min(65535, loopCount))) + [0]
    for rgb in rgbFrames {
        // Graphic control: disposal 1 (leave in place), no transparency, the delay.
        out += [0x21, 0xF9, 0x04, 0x04] + le16(Int(delay)) + [0, 0]
        out += [0x2C] + le16(0) + le16(0) + le16(width) + le16(height) + [0]  // no local table
        let indices = mapToPalette(rgb, width: width, palette: palette, dithering: dithering)
        out.append(8)  // LZW minimum code size
        let data = gifLZWCompress(indices, minimumCodeSize: 8)
        var at = 0
        while at < data.count {
            let n = min(255, data.count - at)
            out.append(UInt8(n))
            out += data[at..<(at + n)]
            at += n
        }
        out.append(0)
    }
    out.append(0x3B)
    return out
}

/// Up to ~200k pixels spread evenly over all frames, so the palette sees every frame.
private func paletteSample(_ frames: [[UInt8]]) -> [UInt8] {
    let total = frames.reduce(0) { $0 + $1.count / 3 }
    let step = max(1, total / 200_000)
    var sample: [UInt8] = []
    sample.reserveCapacity(min(total, 200_000 + frames.count) * 3)
    var skip = 0
    for rgb in frames {
        var i = skip
        while i < rgb.count / 3 {
            sample += rgb[(i * 3)..<(i * 3 + 3)]
            i += step
        }
        skip = i - rgb.count / 3  // carry the stride across frame boundaries
    }
    return sample
}

private let bayer4: [Int] = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5]

private func mapToPalette(_ rgb: [UInt8], width: Int, palette: GIFPalette, dithering: GIFDithering) -> [UInt8] {
    let count = rgb.count / 3
    var indices = [UInt8](repeating: 0, count: count)
    // Consecutive pixels often repeat a colour: remember the last answer.
    var lastKey = -1, lastIndex: UInt8 = 0
    rgb.withUnsafeBufferPointer { src in
        for i in 0..<count {
            var r = Int(src[i * 3]), g = Int(src[i * 3 + 1]), b = Int(src[i * 3 + 2])
            if dithering == .ordered {
                let offset = bayer4[(i / width % 4) * 4 + i % width % 4] - 8  // -8...7
                r = min(255, max(0, r + offset)); g = min(255, max(0, g + offset)); b = min(255, max(0, b + offset))
            }
            let key = r << 16 | g << 8 | b
            if key != lastKey { lastKey = key; lastIndex = palette.nearest(r, g, b) }
            indices[i] = lastIndex
        }
    }
    return indices
}

private func le16(_ v: Int) -> [UInt8] { [UInt8(v & 255), UInt8((v >> 8) & 255)] }
