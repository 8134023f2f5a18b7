import Glibc

extension Tensor {
    /// The Euclidean norm over channels at every pixel: [N,C,H,W] -> [N,1,H,W].
    /// The gradient penalty's norm. Where the norm is 0 the gradient is taken as 0.
    public func channelNorm() -> Tensor {
        let (n, c, hw) = (shape[0], shape[1], shape[2] * shape[3])
        let out = Tensor(uninitialized: [n, 1, shape[2], shape[3]])
        let src = pointer, dst = out.pointer
        for b in 0..<n {
            for p in 0..<hw {
                var s: Float = 0
                for ch in 0..<c { let v = src[(b * c + ch) * hw + p]; s += v * v }
                dst[b * hw + p] = Glibc.sqrtf(s)
            }
        }
        let saved = out.storage, outShape = out.shape
        return out.recorded("channelNorm", [self]) { g, _ in
            // d|x|/dx = x/|x|. With a graph requested, 1/|x| is recomputed with history.
            let inverse = GradMode.isEnabled
                ? (self.channelNorm() + 1e-12).reciprocal()
                : Tensor(shape: outShape, storage: saved).map { $0 > 0 ? 1 / $0 : 0 }
            return [self * (g * inverse)]
        }
    }

    /// 1 / x.
    public func reciprocal() -> Tensor {
        map { 1 / $0 }.recorded("reciprocal", [self]) { g, _ in
            let r = self.reciprocal()
            return [-(g * r.square())]
        }
    }
}

/// Mean squared error between two tensors of the same shape.
public func mse(_ a: Tensor, _ b: Tensor) -> Tensor {
    (a - b).square().mean()
}
