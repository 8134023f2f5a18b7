/// Element-wise loops shared by the ops: one place decides how work is split over threads.
extension Tensor {
    /// A fresh tensor of the same shape with `f` applied to every value.
    func map(_ f: (Float) -> Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let src = pointer, dst = out.pointer
        Threads.forRanges(count) { range in
            for i in range { dst[i] = f(src[i]) }
        }
        return out
    }

    /// A fresh tensor with `f(self[i], other[i])`; shapes must match.
    func zip(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        precondition(shape == other.shape, "shapes \(shape) and \(other.shape) differ")
        let out = Tensor(uninitialized: shape)
        let a = pointer, b = other.pointer, dst = out.pointer
        Threads.forRanges(count) { range in
            for i in range { dst[i] = f(a[i], b[i]) }
        }
        return out
    }
}

/// Shapes padded on the left with ones to rank 4, so broadcasting loops are always NCHW.
func shape4(_ shape: [Int]) -> [Int] {
    precondition(shape.count <= 4, "rank \(shape.count) is not supported")
    return Array(repeating: 1, count: 4 - shape.count) + shape
}

/// The shape two operands broadcast to (each axis equal, or 1 on one side).
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    if a == b { return a }
    let rank = max(a.count, b.count)
    let pa = Array(repeating: 1, count: rank - a.count) + a
    let pb = Array(repeating: 1, count: rank - b.count) + b
    return zip(pa, pb).map { x, y in
        precondition(x == y || x == 1 || y == 1, "shapes \(a) and \(b) do not broadcast")
        return max(x, y)
    }
}

/// Strides of `shape` (padded to rank 4) with 0 on axes of size 1, for reading it broadcast.
func broadcastStrides(_ shape: [Int]) -> [Int] {
    let s = shape4(shape)
    var strides = [0, 0, 0, 0], step = 1
    for axis in (0..<4).reversed() {
        strides[axis] = s[axis] == 1 ? 0 : step
        step *= s[axis]
    }
    return strides
}

/// Calls `body(outIndex, aIndex, bIndex)` over the broadcast output, innermost axis last.
func forEachBroadcast(_ out: [Int], _ a: [Int], _ b: [Int], _ body: (Int, Int, Int) -> Void) {
    let o = shape4(out), sa = broadcastStrides(a), sb = broadcastStrides(b)
    var index = 0
    for i0 in 0..<o[0] { for i1 in 0..<o[1] { for i2 in 0..<o[2] {
        let baseA = i0 * sa[0] + i1 * sa[1] + i2 * sa[2]
        let baseB = i0 * sb[0] + i1 * sb[1] + i2 * sb[2]
        for i3 in 0..<o[3] {
            body(index, baseA + i3 * sa[3], baseB + i3 * sb[3])
            index += 1
        }
    }}}
}
