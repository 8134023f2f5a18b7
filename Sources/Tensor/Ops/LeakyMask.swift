/// LeakyReLU's derivative, g * (z > 0 ? 1 : slope) for a constant z: linear in g, so it is
/// its own derivative. Used by LeakyReLU's rule, the fused BatchNorm+LeakyReLU and (as a
/// mask applied on the fly) its create-graph input gradient.

/// g * (mask > 0 ? 1 : slope), with `mask` a constant (a LeakyReLU's input or output).
func leakyMask(_ g: Tensor, mask: Storage, slope: Float) -> Tensor {
    LeakyMask(values: mask, slope: slope).applied(to: g)
        .recorded("leakyMask", [g]) { u, _ in [leakyMask(u, mask: mask, slope: slope)] }
}

/// LeakyReLU's derivative as a constant mask (the sign of a LeakyReLU's input or output).
struct LeakyMask {
    let values: Storage
    let slope: Float

    /// g * (values > 0 ? 1 : slope) in fresh storage, without history.
    func applied(to g: Tensor) -> Tensor {
        let out = Tensor(uninitialized: g.shape)
        let gp = g.pointer, mp = values.pointer, dst = out.pointer, slope = slope
        Threads.forRanges(g.count) { r in
            for i in r { dst[i] = mp[i] > 0 ? gp[i] : gp[i] * slope }
        }
        return out
    }

    /// Multiplies `t`'s values (fresh, not yet shared) by the mask in place.
    func apply(inPlace t: Tensor) {
        let tp = t.pointer, mp = values.pointer, slope = slope
        Threads.forRanges(t.count) { r in
            for i in r where !(mp[i] > 0) { tp[i] *= slope }
        }
    }
}

