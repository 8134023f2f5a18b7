/// Absolute value and the L1 distance (pix2pixHD's feature-matching loss). The derivative
/// of |x| is sign(x), piecewise constant, so the backward is g times a constant mask and
/// needs no history of its own (taken as 0 at x = 0).
extension Tensor {
    public func absolute() -> Tensor {
        let out = map { Swift.abs($0) }
        let sign = map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
        return out.recorded("absolute", [self]) { g, _ in [g * sign] }
    }
}

/// mean(|a - b|) over every element (PyTorch's `L1Loss`).
public func l1(_ a: Tensor, _ b: Tensor) -> Tensor {
    (a - b).absolute().mean()
}
