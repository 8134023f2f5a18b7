import Glibc

/// Element-wise functions. Each backward rule is written with differentiable ops, except
/// where the derivative is piecewise constant (LeakyReLU's mask) and so needs no history.
extension Tensor {
    public func square() -> Tensor {
        map { $0 * $0 }.recorded("square", [self]) { g, _ in [g * self * 2] }
    }

    public func sqrt() -> Tensor {
        map { Glibc.sqrtf($0) }.recorded("sqrt", [self]) { g, _ in [g * self.rsqrt() * 0.5] }
    }

    /// 1 / sqrt(x).
    public func rsqrt() -> Tensor {
        map { 1 / Glibc.sqrtf($0) }.recorded("rsqrt", [self]) { g, _ in
            let r = self.rsqrt()
            return [g * (r * r * r) * -0.5]
        }
    }

    public func tanh() -> Tensor {
        let out = map { Glibc.tanhf($0) }
        let saved = out.storage  // the output's values, without its history (no retain cycle)
        return out.recorded("tanh", [self]) { g, _ in
            let y = GradMode.isEnabled ? self.tanh() : Tensor(shape: self.shape, storage: saved)
            return [g * (1 - y.square())]
        }
    }

    /// max(x, 0) + slope * min(x, 0).
    /// Right after a training-mode BatchNorm it records one fused node (BatchNormFused.swift).
    public func leakyReLU(_ slope: Float = 0.2) -> Tensor {
        let out = Tensor(uninitialized: shape)
        let src = pointer, dst = out.pointer
        Threads.forRanges(count) { r in
            for i in r { dst[i] = src[i] > 0 ? src[i] : src[i] * slope }
        }
        if let record = batchNormRecord, slope > 0, GradMode.isEnabled {
            return fuseBatchNormLeakyReLU(out, record, slope: slope)
        }
        let mask = storage  // the input's values: x > 0 exactly where the output is
        return out.recorded("leakyReLU", [self]) { g, _ in [leakyMask(g, mask: mask, slope: slope)] }
    }
}

