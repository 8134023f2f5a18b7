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
    public func leakyReLU(_ slope: Float = 0.2) -> Tensor {
        let out = map { $0 > 0 ? $0 : $0 * slope }
        return out.recorded("leakyReLU", [self]) { g, _ in
            [g * self.detached().map { $0 > 0 ? 1 : slope }]
        }
    }
}

