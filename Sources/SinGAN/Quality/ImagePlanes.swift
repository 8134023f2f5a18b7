import Tensor

/// One image as float channel planes, row-major: value(c, y, x) = values[(c * height + y) * width + x].
///
/// The quality code works on these rather than on `Tensor` so that pyramids and patch
/// extraction are plain array code, independent of autograd and of batch layout.
struct ImagePlanes: Equatable {
    var channels: Int
    var height: Int
    var width: Int
    var values: [Float]

    init(channels: Int, height: Int, width: Int, values: [Float]) {
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }

    init(zeros channels: Int, _ height: Int, _ width: Int) {
        self.init(channels: channels, height: height, width: width, values: [Float](repeating: 0, count: channels * height * width))
    }

    /// The images of an NCHW tensor, one per batch entry.
    static func images(of tensor: Tensor) -> [ImagePlanes] {
        let (n, c, h, w) = (tensor.shape[0], tensor.shape[1], tensor.shape[2], tensor.shape[3])
        let all = tensor.values
        return (0..<n).map { i in
            ImagePlanes(channels: c, height: h, width: w, values: Array(all[(i * c * h * w)..<((i + 1) * c * h * w)]))
        }
    }

    var sizeDescription: String { "\(channels)x\(height)x\(width)" }

    static func - (a: ImagePlanes, b: ImagePlanes) -> ImagePlanes {
        var out = a
        for i in out.values.indices { out.values[i] -= b.values[i] }
        return out
    }
}
