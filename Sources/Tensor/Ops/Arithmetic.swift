/// Add, subtract and multiply with broadcasting (each axis equal or 1), and scalar forms.

public func + (a: Tensor, b: Tensor) -> Tensor {
    binary("add", a, b, +) { g, _, _ in (g, g) }
}

public func - (a: Tensor, b: Tensor) -> Tensor {
    binary("sub", a, b, -) { g, _, _ in (g, -g) }
}

public func * (a: Tensor, b: Tensor) -> Tensor {
    binary("mul", a, b, *) { g, a, b in (g * b, g * a) }
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

/// A binary op whose backward rule gives (dL/da, dL/db) before un-broadcasting.
private func binary(_ name: String, _ a: Tensor, _ b: Tensor, _ f: @escaping (Float, Float) -> Float,
                    _ rule: @escaping (Tensor, Tensor, Tensor) -> (Tensor, Tensor)) -> Tensor {
    let out: Tensor
    if a.shape == b.shape {
        out = a.zip(b, f)
    } else {
        out = Tensor(uninitialized: broadcastShape(a.shape, b.shape))
        let pa = a.pointer, pb = b.pointer, po = out.pointer
        forEachBroadcast(out.shape, a.shape, b.shape) { o, i, j in po[o] = f(pa[i], pb[j]) }
    }
    return out.recorded(name, [a, b]) { g, needed in
        let (ga, gb) = rule(g, a, b)
        return [needed[0] ? ga.sum(to: a.shape) : nil, needed[1] ? gb.sum(to: b.shape) : nil]
    }
}
