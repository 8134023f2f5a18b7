// Procedural images for demos and tests: no files needed, any size, the same pixels for the
// same seed on every machine (SeededRandom plus plain arithmetic, no platform RNG).
import Glibc

/// The procedural images `synth` can draw.
public enum SynthPattern: String, CaseIterable, Sendable {
    /// Sky gradient with faint clouds, three ranges of hills, textured ground.
    case landscape
    /// Bands of a few colours at a random angle, slightly noisy.
    case stripes
    /// Soft-edged discs of random colours on a plain background.
    case blobs
}

/// A procedural image. Sizes below 1 give an empty image.
public func synth(_ pattern: SynthPattern, width: Int, height: Int, seed: UInt64) -> Image {
    var image = Image(width: width, height: height)
    guard !image.isEmpty else { return image }
    var random = SeededRandom(seed: seed)
    let noise = ValueNoise(seed: random.next())
    let paint: (Double, Double) -> SIMD3<Double>
    switch pattern {
    case .landscape: paint = landscape(&random, noise)
    case .stripes: paint = stripes(&random, noise, width: width, height: height)
    case .blobs: paint = blobs(&random, width: width, height: height)
    }
    let plane = image.planeSize
    for y in 0..<image.height {
        for x in 0..<image.width {
            // Coordinates in units of the shorter side, so shapes keep their look at any size.
            let scale = Double(min(width, height))
            let colour = paint(Double(x) / scale, Double(y) / scale)
            let i = y * image.width + x
            for c in 0..<3 { image.pixels[c * plane + i] = Float(min(max(colour[c], 0), 1) * 2 - 1) }
        }
    }
    return image
}

private func landscape(_ random: inout SeededRandom, _ noise: ValueNoise) -> (Double, Double) -> SIMD3<Double> {
    let horizon = random.uniform(0.42, 0.55)
    let zenith = SIMD3<Double>(random.uniform(0.15, 0.3), random.uniform(0.35, 0.5), random.uniform(0.75, 0.9))
    let haze = SIMD3<Double>(0.78, 0.85, 0.93)
    // Far to near: paler and bluer far away (aerial perspective), greener and darker near.
    let hills: [(base: Double, height: Double, frequency: Double, shift: Double, colour: SIMD3<Double>)] = [
        (horizon, random.uniform(0.12, 0.2), random.uniform(1.5, 2.5), random.uniform(0, 100), SIMD3(0.45, 0.55, 0.68)),
        (horizon + 0.08, random.uniform(0.1, 0.16), random.uniform(2, 3.5), random.uniform(0, 100), SIMD3(0.3, 0.45, 0.32)),
        (horizon + 0.18, random.uniform(0.06, 0.12), random.uniform(3, 5), random.uniform(0, 100), SIMD3(0.22, 0.38, 0.16)),
    ]
    let ground = horizon + random.uniform(0.28, 0.34)
    let soil = SIMD3<Double>(random.uniform(0.35, 0.45), random.uniform(0.28, 0.35), random.uniform(0.15, 0.22))
    return { x, y in
        if y > ground {
            let texture = noise.fbm(x * 24, y * 24, octaves: 4)
            return soil * (0.7 + 0.6 * texture)
        }
        for hill in hills.reversed() {  // nearest first: it hides the ones behind
            let ridge = hill.base - hill.height * noise.fbm(x * hill.frequency + hill.shift, hill.shift, octaves: 3)
            if y > ridge {
                let texture = noise.fbm(x * 12 + hill.shift, y * 12, octaves: 3)
                return hill.colour * (0.85 + 0.3 * texture)
            }
        }
        let t = min(max(y / max(horizon, 1e-6), 0), 1)
        let sky = zenith + (haze - zenith) * t
        let cloud = max(0, noise.fbm(x * 3 + 50, y * 6, octaves: 4) - 0.55) * 2
        return sky + (SIMD3(1, 1, 1) - sky) * min(1, cloud)
    }
}

private func stripes(_ random: inout SeededRandom, _ noise: ValueNoise, width: Int, height: Int) -> (Double, Double) -> SIMD3<Double> {
    let angle = random.uniform(0, .pi)
    let period = random.uniform(0.06, 0.16)
    let colours = (0..<(2 + random.below(3))).map { _ in
        SIMD3<Double>(random.uniform(0.1, 0.95), random.uniform(0.1, 0.95), random.uniform(0.1, 0.95))
    }
    let (c, s) = (cos(angle), sin(angle))
    return { x, y in
        let band = Int(((x * c + y * s) / period + 1000).rounded(.down))
        let grain = 0.92 + 0.16 * noise.fbm(x * 40, y * 40, octaves: 2)
        return colours[band % colours.count] * grain
    }
}

private func blobs(_ random: inout SeededRandom, width: Int, height: Int) -> (Double, Double) -> SIMD3<Double> {
    let aspect = Double(max(width, height)) / Double(min(width, height))
    let wide = width >= height
    let background = SIMD3<Double>(random.uniform(0.05, 0.3), random.uniform(0.05, 0.3), random.uniform(0.05, 0.3))
    let discs = (0..<(5 + random.below(8))).map { _ in
        (x: random.uniform(0, wide ? aspect : 1), y: random.uniform(0, wide ? 1 : aspect),
         radius: random.uniform(0.06, 0.22),
         colour: SIMD3<Double>(random.uniform(0.2, 1), random.uniform(0.2, 1), random.uniform(0.2, 1)))
    }
    return { x, y in
        var colour = background
        for disc in discs {  // later discs lie on top
            let d = ((x - disc.x) * (x - disc.x) + (y - disc.y) * (y - disc.y)).squareRoot()
            let edge = min(max((disc.radius - d) / 0.02, 0), 1)  // soft 0.02-wide rim
            colour += (disc.colour - colour) * edge
        }
        return colour
    }
}

/// Smooth lattice noise in [0, 1]: hashed corner values, smoothstep interpolation.
struct ValueNoise {
    let seed: UInt64

    func lattice(_ x: Int, _ y: Int) -> Double {
        var h = seed ^ (UInt64(bitPattern: Int64(x)) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(bitPattern: Int64(y)) &* 0xC2B2_AE3D_27D4_EB4F)
        h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return Double(h >> 11) * 0x1.0p-53
    }

    func value(_ x: Double, _ y: Double) -> Double {
        let fx = x.rounded(.down), fy = y.rounded(.down)
        let ix = Int(fx), iy = Int(fy)
        let tx = x - fx, ty = y - fy
        let sx = tx * tx * (3 - 2 * tx), sy = ty * ty * (3 - 2 * ty)
        let top = lattice(ix, iy) + (lattice(ix + 1, iy) - lattice(ix, iy)) * sx
        let bottom = lattice(ix, iy + 1) + (lattice(ix + 1, iy + 1) - lattice(ix, iy + 1)) * sx
        return top + (bottom - top) * sy
    }

    /// Octaves of halving amplitude and doubling frequency, renormalised to [0, 1].
    func fbm(_ x: Double, _ y: Double, octaves: Int) -> Double {
        var sum = 0.0, amplitude = 1.0, total = 0.0, frequency = 1.0
        for _ in 0..<max(1, octaves) {
            sum += amplitude * value(x * frequency, y * frequency)
            total += amplitude
            amplitude *= 0.5
            frequency *= 2
        }
        return sum / total
    }
}
