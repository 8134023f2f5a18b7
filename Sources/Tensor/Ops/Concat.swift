/// Joining tensors along the channel axis and taking a channel range back out. Both are
/// linear and each is the other's adjoint, so the pair is closed under differentiation
/// (the minibatch standard deviation feature is appended to D's features with these).

/// [N, C1, H, W], [N, C2, H, W], ... -> [N, C1 + C2 + ..., H, W].
public func concatChannels(_ parts: [Tensor]) -> Tensor {
    precondition(!parts.isEmpty, "concat of nothing")
    let (n, h, w) = (parts[0].shape[0], parts[0].shape[2], parts[0].shape[3])
    for p in parts { precondition(p.rank == 4 && p.n == n && p.h == h && p.w == w, "concat of \(p.shape) with \(parts[0].shape)") }
    let channels = parts.map(\.c), total = channels.reduce(0, +), hw = h * w
    let out = Tensor(uninitialized: [n, total, h, w])
    for b in 0..<n {
        var offset = 0
        for (part, c) in zip(parts, channels) {
            (out.pointer + (b * total + offset) * hw).update(from: part.pointer + b * c * hw, count: c * hw)
            offset += c
        }
    }
    let starts = channels.indices.map { channels[..<$0].reduce(0, +) }
    return out.recorded("concatChannels", parts) { g, needed in
        zip(starts, channels).enumerated().map { i, range in
            needed[i] ? g.channels(range.0..<(range.0 + range.1)) : nil
        }
    }
}

extension Tensor {
    /// The channels `range` of a [N, C, H, W] tensor.
    public func channels(_ range: Range<Int>) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        precondition(range.lowerBound >= 0 && range.upperBound <= c && !range.isEmpty, "channels \(range) of \(shape)")
        if range == 0..<c { return self }
        let hw = h * w, k = range.count
        let out = Tensor(uninitialized: [n, k, h, w])
        for b in 0..<n {
            (out.pointer + b * k * hw).update(from: pointer + (b * c + range.lowerBound) * hw, count: k * hw)
        }
        return out.recorded("channels", [self]) { g, _ in
            var parts: [Tensor] = []
            if range.lowerBound > 0 { parts.append(Tensor(zeros: [n, range.lowerBound, h, w])) }
            parts.append(g)
            if range.upperBound < c { parts.append(Tensor(zeros: [n, c - range.upperBound, h, w])) }
            return [concatChannels(parts)]
        }
    }
}
