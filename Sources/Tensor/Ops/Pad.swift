/// Zero padding and cropping of the spatial axes (each the other's adjoint).
extension Tensor {
    /// Embeds the image in zeros: `top`/`left` rows/columns before, up to `height` x `width`.
    public func padded(top: Int, left: Int, height: Int, width: Int) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        precondition(top >= 0 && left >= 0 && top + h <= height && left + w <= width, "pad does not fit")
        let out = Tensor(zeros: [n, c, height, width])
        let src = pointer, dst = out.pointer
        for plane in 0..<(n * c) {
            for y in 0..<h {
                (dst + (plane * height + y + top) * width + left).update(from: src + (plane * h + y) * w, count: w)
            }
        }
        let inShape = shape
        return out.recorded("pad", [self]) { g, _ in
            [g.cropped(top: top, left: left, height: inShape[2], width: inShape[3])]
        }
    }

    /// Zero padding by `p` on every side.
    public func padded(_ p: Int) -> Tensor {
        p == 0 ? self : padded(top: p, left: p, height: shape[2] + 2 * p, width: shape[3] + 2 * p)
    }

    /// The `height` x `width` window whose top-left corner is at (`top`, `left`).
    public func cropped(top: Int, left: Int, height: Int, width: Int) -> Tensor {
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        precondition(top >= 0 && left >= 0 && top + height <= h && left + width <= w, "crop out of range")
        if top == 0 && left == 0 && height == h && width == w { return self }
        let out = Tensor(uninitialized: [n, c, height, width])
        let src = pointer, dst = out.pointer
        for plane in 0..<(n * c) {
            for y in 0..<height {
                (dst + (plane * height + y) * width).update(from: src + (plane * h + y + top) * w + left, count: width)
            }
        }
        return out.recorded("crop", [self]) { g, _ in
            [g.padded(top: top, left: left, height: h, width: w)]
        }
    }

    /// The centred window of `height` x `width` (the generator's skip connection).
    public func centerCropped(height: Int, width: Int) -> Tensor {
        cropped(top: (shape[2] - height) / 2, left: (shape[3] - width) / 2, height: height, width: width)
    }
}
