import Glibc

/// The seeded generator behind every random draw in sgs.
///
/// Algorithm (documented so results can be reproduced anywhere): the 64-bit seed is
/// expanded into xoshiro256** state with SplitMix64; uniform floats take the top 24 bits
/// of a draw (k / 2^24, in [0, 1)); normals use the Box-Muller transform in double
/// precision on two uniforms from the top 53 bits, using both outputs in turn.
public struct RandomSource {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    /// Uniform in [0, 1) with 24-bit resolution.
    public mutating func uniform() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform integer in 0..<bound (Lemire's method without bias).
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Standard normal.
    public mutating func normal() -> Float {
        if let z = spareNormal { spareNormal = nil; return Float(z) }
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53  // (0, 1]: log stays finite
        let u2 = Double(next() >> 11) * 0x1p-53
        let r = (-2 * Glibc.log(u1)).squareRoot(), theta = 2 * Double.pi * u2
        spareNormal = r * Glibc.sin(theta)
        return Float(r * Glibc.cos(theta))
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The whole state, to continue the sequence later (a resumed training): the four
    /// xoshiro words, then 1 and the bits of the kept spare normal, or 0 when none is kept.
    public var state: [UInt64] {
        [s.0, s.1, s.2, s.3] + (spareNormal.map { [1, $0.bitPattern] } ?? [0])
    }

    /// The generator `state` was read from; nil when `state` is not one.
    public init?(state: [UInt64]) {
        guard state.count == 5 && state[4] == 0 || state.count == 6 && state[4] == 1 else { return nil }
        s = (state[0], state[1], state[2], state[3])
        spareNormal = state.count == 6 ? Double(bitPattern: state[5]) : nil
    }
}

extension Tensor {
    /// Values drawn from N(mean, std^2), in storage order.
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomSource) -> Tensor {
        let t = Tensor(uninitialized: shape)
        for i in 0..<t.count { t.pointer[i] = mean + std * rng.normal() }
        return t
    }

    /// Values drawn uniformly from [low, high), in storage order.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout RandomSource) -> Tensor {
        let t = Tensor(uninitialized: shape)
        for i in 0..<t.count { t.pointer[i] = low + (high - low) * rng.uniform() }
        return t
    }
}
