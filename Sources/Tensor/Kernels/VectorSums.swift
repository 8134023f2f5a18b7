/// Sums over contiguous runs of floats, vectorised by hand: the compiler may not reorder a
/// float reduction, so we fix an order ourselves (16 lanes, then the lanes in order), which
/// also makes the result the same on every run.
enum VectorSums {
    /// sum of p[0..<n], accumulated in float lanes per block of 4096 and in double across blocks.
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        blocked(n) { lo, hi in
            var acc = SIMD16<Float>(repeating: 0)
            var i = lo
            while i + 16 <= hi { acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self); i += 16 }
            var tail: Float = 0
            while i < hi { tail += p[i]; i += 1 }
            return Double(acc.sum()) + Double(tail)
        }
    }

    /// sum of a[i] * b[i].
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Double {
        blocked(n) { lo, hi in
            var acc = SIMD16<Float>(repeating: 0)
            var i = lo
            while i + 16 <= hi {
                acc += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD16<Float>.self)
                    * UnsafeRawPointer(b + i).loadUnaligned(as: SIMD16<Float>.self)
                i += 16
            }
            var tail: Float = 0
            while i < hi { tail += a[i] * b[i]; i += 1 }
            return Double(acc.sum()) + Double(tail)
        }
    }

    /// sum of (p[i] - center)^2.
    static func squaredDeviation(_ p: UnsafePointer<Float>, _ n: Int, from center: Float) -> Double {
        blocked(n) { lo, hi in
            var acc = SIMD16<Float>(repeating: 0)
            let c = SIMD16<Float>(repeating: center)
            var i = lo
            while i + 16 <= hi {
                let d = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self) - c
                acc += d * d
                i += 16
            }
            var tail: Float = 0
            while i < hi { let d = p[i] - center; tail += d * d; i += 1 }
            return Double(acc.sum()) + Double(tail)
        }
    }

    @inline(__always)
    private static func blocked(_ n: Int, _ block: (Int, Int) -> Double) -> Double {
        var total = 0.0, lo = 0
        while lo < n {
            let hi = min(n, lo + 4096)
            total += block(lo, hi)
            lo = hi
        }
        return total
    }
}
