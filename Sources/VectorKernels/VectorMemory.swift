/// Unaligned loads and stores of a whole vector of floats, for the width-generic kernels of
/// this module. Inlined into every specialised loop (a call per load would cost 2-3x).
extension SIMD where Scalar == Float {
    /// The `scalarCount` floats at `p` (any alignment).
    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Self {
        UnsafeRawPointer(p).loadUnaligned(as: Self.self)
    }

    /// Writes the vector to `p` (any alignment).
    @inlinable @inline(__always)
    func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: self, as: Self.self)
    }
}
