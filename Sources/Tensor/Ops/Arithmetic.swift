/// Add, subtract and multiply with broadcasting (each axis equal or 1), and scalar forms.

public func + (a: Tensor, b: Tensor) -> Tensor {
    binary(.add, a, b) { g, _, _ in (g, g) }
}

public func - (a: Tensor, b: Tensor) -> Tensor {
    binary(.subtract, a, b) { g, _, _ in (g, -g) }
}

public func * (a: Tensor, b: Tensor) -> Tensor {
    binary(.multiply, a, b) { g, a, b in (g * b, g * a) }
}

public prefix func - (a: Tensor) -> Tensor { a * -1 }

public func * (a: Tensor, s: Float) -> Tensor {
    a.map { $0 * s }.recorded("scale", [a]) { g, _ in [g * s] }
}

public func * (s: Float, a: Tensor) -> Tensor { a * s }

public func + (a: Tensor, s: Float) -> Tensor {
    a.map { $0 + s }.recorded("addScalar", [a]) { g, _ in [g] }
}

public func - (a: Tensor, s: Float) -> Tensor { a + (-s) }

public func - (s: Float, a: Tensor) -> Tensor { -a + s }

enum BinaryOp {
    case add, subtract, multiply

    @inline(__always)
    func apply(_ x: Float, _ y: Float) -> Float {
        switch self {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        }
    }
}

/// A binary op whose backward rule gives (dL/da, dL/db) before un-broadcasting.
private func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor,
                    _ rule: @escaping (Tensor, Tensor, Tensor) -> (Tensor, Tensor)) -> Tensor {
    let out = Tensor(uninitialized: broadcastShape(a.shape, b.shape))
    fill(out, op, a, b)
    return out.recorded("\(op)", [a, b]) { g, needed in
        let (ga, gb) = rule(g, a, b)
        return [needed[0] ? ga.sum(to: a.shape) : nil, needed[1] ? gb.sum(to: b.shape) : nil]
    }
}

/// out = a op b, with a loop per broadcasting case and the op chosen outside the loop.
private func fill(_ out: Tensor, _ op: BinaryOp, _ a: Tensor, _ b: Tensor) {
    let pa = a.pointer, pb = b.pointer, po = out.pointer
    switch (Spread(a.shape, over: out.shape), Spread(b.shape, over: out.shape)) {
    case (.same, .same):
        switch op {
        case .add: Threads.forRanges(out.count) { r in for i in r { po[i] = pa[i] + pb[i] } }
        case .subtract: Threads.forRanges(out.count) { r in for i in r { po[i] = pa[i] - pb[i] } }
        case .multiply: Threads.forRanges(out.count) { r in for i in r { po[i] = pa[i] * pb[i] } }
        }
    case (.same, .perChannel), (.same, .scalar):
        let perChannel = b.count > 1
        out.forEachChannelPlane { ch, offset, length in
            let y = pb[perChannel ? ch : 0], src = pa + offset, dst = po + offset
            for i in 0..<length { dst[i] = op.apply(src[i], y) }
        }
    case (.perChannel, .same), (.scalar, .same):
        let perChannel = a.count > 1
        out.forEachChannelPlane { ch, offset, length in
            let x = pa[perChannel ? ch : 0], src = pb + offset, dst = po + offset
            for i in 0..<length { dst[i] = op.apply(x, src[i]) }
        }
    default:
        let ia = broadcastIndices(of: a.shape, over: out.shape), ib = broadcastIndices(of: b.shape, over: out.shape)
        for i in 0..<out.count { po[i] = op.apply(pa[ia[i]], pb[ib[i]]) }
    }
}
