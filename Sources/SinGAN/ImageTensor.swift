import Imaging
import Tensor

/// Images and tensors share one layout (planar RGB, [-1, 1]), so conversion is a copy.
extension Tensor {
    /// A [1, 3, H, W] tensor holding the image.
    public convenience init(_ image: Image) {
        self.init(image.pixels, shape: [1, 3, image.height, image.width])
    }

    /// Image `index` of a [N, 3, H, W] tensor.
    public func image(_ index: Int = 0) -> Image {
        let plane = 3 * shape[2] * shape[3]
        return Image(width: shape[3], height: shape[2],
                     pixels: Array(UnsafeBufferPointer(start: pointer + index * plane, count: plane)))
    }
}

/// The between-scale step: clamp to the image range, resize by 1/sf with the reference
/// bicubic, and keep the top-left `width x height` (docs/singan.md).
///
/// The reference also truncates to 8 bits inside every resize; we keep full precision,
/// which is what the paper describes (docs/singan.md).
func upsample(_ x: Tensor, factor: Double, width: Int, height: Int) -> Tensor {
    let images = (0..<x.shape[0]).map { i in
        upsampleAndCrop(x.image(i), scale: 1 / factor, width: width, height: height, mode: .clamped)
    }
    return stack(images)
}

/// Images of one size as a [N, 3, H, W] tensor.
func stack(_ images: [Image]) -> Tensor {
    let first = images[0]
    let out = Tensor(uninitialized: [images.count, 3, first.height, first.width])
    for (i, image) in images.enumerated() {
        image.pixels.withUnsafeBufferPointer { src in
            (out.pointer + i * src.count).update(from: src.baseAddress!, count: src.count)
        }
    }
    return out
}
