/// 3x3 average pooling with stride 2 and padding 1, padding left out of the average
/// (PyTorch's `AvgPool2d(3, stride=2, padding=1, count_include_pad=False)`): how pix2pixHD
/// halves the image between its critics. Linear, with the scatter below as its adjoint;
/// each is the other's backward, so the pair goes to any order.

/// The output length of the pooling along an axis of length `n`.
public func averagePoolLength(_ n: Int) -> Int { (n - 1) / 2 + 1 }

/// The input rows (or columns) the output index `o` averages, clipped to 0..<n.
@inline(__always)
private func window(_ o: Int, _ n: Int) -> Range<Int> { max(0, 2 * o - 1)..<min(n, 2 * o + 2) }

extension Tensor {
    /// [N, C, H, W] -> [N, C, (H-1)/2+1, (W-1)/2+1].
    public func averagePooled3x3Stride2() -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let (oh, ow) = (averagePoolLength(h), averagePoolLength(w))
        let out = Tensor(uninitialized: [n, c, oh, ow])
        let src = pointer, dst = out.pointer
        Threads.forEach(n * c) { plane in
            let s = src + plane * h * w, d = dst + plane * oh * ow
            for oy in 0..<oh {
                let rows = window(oy, h)
                for ox in 0..<ow {
                    let cols = window(ox, w)
                    var sum: Float = 0
                    for y in rows { for x in cols { sum += s[y * w + x] } }
                    d[oy * ow + ox] = sum / Float(rows.count * cols.count)
                }
            }
        }
        let inShape = shape
        return out.recorded("averagePool", [self]) { g, _ in [g.averagePoolAdjoint(inputShape: inShape)] }
    }

    /// The adjoint of `averagePooled3x3Stride2`: each output gradient spread evenly over the
    /// inputs its window averaged. `self` has the pooled shape.
    public func averagePoolAdjoint(inputShape: [Int]) -> Tensor {
        let (n, c, h, w) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3])
        let (oh, ow) = (averagePoolLength(h), averagePoolLength(w))
        precondition(shape == [n, c, oh, ow], "pool adjoint of \(shape) for input \(inputShape)")
        let out = Tensor(zeros: inputShape)
        let src = pointer, dst = out.pointer
        Threads.forEach(n * c) { plane in
            let s = src + plane * oh * ow, d = dst + plane * h * w
            for oy in 0..<oh {
                let rows = window(oy, h)
                for ox in 0..<ow {
                    let cols = window(ox, w)
                    let share = s[oy * ow + ox] / Float(rows.count * cols.count)
                    for y in rows { for x in cols { d[y * w + x] += share } }
                }
            }
        }
        return out.recorded("averagePoolAdjoint", [self]) { g, _ in [g.averagePooled3x3Stride2()] }
    }
}
