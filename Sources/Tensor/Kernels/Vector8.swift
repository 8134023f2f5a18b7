/// The 8-float vector the kernels compute with (one AVX2 register), and its unaligned loads
/// and stores: the one place that spells them out.
///
/// These must be inlined into every kernel loop. When a caller's inlining budget runs out
/// they become calls and the kernel runs 2-3x slower; `scripts/bench.sh` warns when the
/// release binary calls `loadUnaligned` anywhere.
typealias Vector8 = SIMD8<Float>

/// The 8 floats at `p` (any alignment).
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> Vector8 {
    UnsafeRawPointer(p).loadUnaligned(as: Vector8.self)
}

extension SIMD8 where Scalar == Float {
    /// Writes the 8 floats to `p` (any alignment).
    @inline(__always)
    func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: SIMD8<Float>.self)
    }
}
