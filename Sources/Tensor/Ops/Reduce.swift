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
        let out: Tensor
        switch Spread(target, over: shape) {
        case .scalar: out = Tensor([Float(sumAll())], shape: target)
        case .perChannel: out = Tensor(channelSums { p, n, _ in VectorSums.sum(p, n) }.map(Float.init), shape: target)
        default:
            var acc = [Double](repeating: 0, count: target.reduce(1, *))
            for (i, j) in broadcastIndices(of: target, over: shape).enumerated() { acc[j] += Double(pointer[i]) }
            out = Tensor(acc.map(Float.init), shape: target)
        }
        let inShape = shape
        return out.recorded("sumTo", [self]) { g, _ in [g.expand(to: inShape)] }
    }

    /// Repeats values along axes of size 1 to reach `target` shape.
    public func expand(to target: [Int]) -> Tensor {
        if target == shape { return self }
        let out = Tensor(uninitialized: target)
        let src = pointer, dst = out.pointer
        switch Spread(shape, over: target) {
        case .scalar: dst.update(repeating: src[0], count: out.count)
        case .perChannel:
            out.forEachChannelPlane { ch, offset, length in (dst + offset).update(repeating: src[ch], count: length) }
        default:
            for (i, j) in broadcastIndices(of: shape, over: target).enumerated() { dst[i] = src[j] }
        }
        let inShape = shape
        return out.recorded("expand", [self]) { g, _ in [g.sum(to: inShape)] }
    }

    /// Sum in double precision, in a fixed order (the same bytes on every run).
    func sumAll() -> Double {
        let blocks = (count + 65535) / 65536
        var partial = [Double](repeating: 0, count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            Threads.forEach(blocks) { b in
                let lo = b * 65536
                out[b] = VectorSums.sum(pointer + lo, min(count, lo + 65536) - lo)
            }
        }
        return partial.reduce(0, +)
    }
}
