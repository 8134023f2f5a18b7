/// Sums, means and their inverse, broadcasting (`expand`).
extension Tensor {
    /// The sum of every value, as a one-element tensor of shape [1].
    public func sum() -> Tensor {
        let out = Tensor([Float(sumAll())], shape: [1])
        let inShape = shape
        return out.recorded("sum", [self]) { g, _ in [g.expand(to: inShape)] }
    }

    /// The mean of every value, as a one-element tensor of shape [1].
    public func mean() -> Tensor {
        sum() * (1 / Float(count))
    }

    /// Sums broadcast axes away so the result has `target` shape (the adjoint of `expand`).
    public func sum(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let out = Tensor(zeros: target)
        var acc = [Double](repeating: 0, count: out.count)
        let src = pointer
        forEachBroadcast(shape, shape, target) { i, _, j in acc[j] += Double(src[i]) }
        for j in 0..<acc.count { out.pointer[j] = Float(acc[j]) }
        let inShape = shape
        return out.recorded("sumTo", [self]) { g, _ in [g.expand(to: inShape)] }
    }

    /// Repeats values along axes of size 1 to reach `target` shape.
    public func expand(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let out = Tensor(uninitialized: target)
        let src = pointer, dst = out.pointer
        forEachBroadcast(target, target, shape) { o, _, j in dst[o] = src[j] }
        let inShape = shape
        return out.recorded("expand", [self]) { g, _ in [g.sum(to: inShape)] }
    }

    /// Sum in double precision, in a fixed order (the same bytes on every run).
    func sumAll() -> Double {
        let p = pointer
        let blocks = (count + 4095) / 4096
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            Threads.forEach(blocks) { b in
                var s = 0.0
                for i in (b * 4096)..<min(count, (b + 1) * 4096) { s += Double(p[i]) }
                out[b] = s
            }
        }
        return partial.reduce(0, +)
    }
}
