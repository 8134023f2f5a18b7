/// Element-wise loops shared by the ops: one place decides how work is split over threads.
extension Tensor {
    /// A fresh tensor of the same shape with `f` applied to every value.
    @inline(__always)
    func map(_ f: (Float) -> Float) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let src = pointer, dst = out.pointer
        Threads.forRanges(count) { range in
            for i in range { dst[i] = f(src[i]) }
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

/// How a smaller operand spreads over a larger shape; the common cases get straight loops.
enum Spread {
    case same               // equal shapes
    case scalar             // one value everywhere
    case perChannel         // [1, C, 1, 1] over [N, C, H, W]
    case general

    init(_ small: [Int], over big: [Int]) {
        let s = shape4(small), b = shape4(big)
        if s == b { self = .same }
        else if s.reduce(1, *) == 1 { self = .scalar }
        else if s[0] == 1, s[1] == b[1], s[2] == 1, s[3] == 1 { self = .perChannel }
        else { self = .general }
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

/// The index in `small` (broadcast over `big`) of every element of `big`, in order.
/// Used only by the general (rare, small) broadcasting cases.
func broadcastIndices(of small: [Int], over big: [Int]) -> [Int] {
    let o = shape4(big), s = broadcastStrides(small)
    var out: [Int] = []
    out.reserveCapacity(o.reduce(1, *))
    for i0 in 0..<o[0] { for i1 in 0..<o[1] { for i2 in 0..<o[2] { for i3 in 0..<o[3] {
        out.append(i0 * s[0] + i1 * s[1] + i2 * s[2] + i3 * s[3])
    }}}}
    return out
}
