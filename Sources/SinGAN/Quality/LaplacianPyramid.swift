/// The Laplacian pyramid PGGAN's sliced Wasserstein distance looks at (pyr_down / pyr_up,
/// which match OpenCV's pyrDown / pyrUp).
///
/// Gaussian level G0 is the image, G(k+1) = down(Gk): blur with the 5-tap binomial
/// [1,4,6,4,1]/16 along each axis, keep even rows and columns (size (n+1)/2). Laplacian
/// level Lk = Gk - up(G(k+1)), where up puts G(k+1) on the even pixels of a zero image of
/// Gk's size and blurs with twice the kernel per axis (4x in 2-D, to restore the mean). The
/// last level is the coarsest Gaussian itself, so the levels sum back to the image.
/// Borders mirror without repeating the edge pixel (OpenCV's BORDER_REFLECT_101).
enum LaplacianPyramid {
    static let kernel: [Float] = [1, 4, 6, 4, 1].map { $0 / 16 }

    /// Levels, finest first: the finest is the full image, and another is added while the
    /// next Gaussian level's shorter side stays at least `minimumSize` (PGGAN uses 16).
    static func levels(of image: ImagePlanes, minimumSize: Int = 16) -> [ImagePlanes] {
        var gaussians = [image]
        while let last = gaussians.last, (min(last.height, last.width) + 1) / 2 >= minimumSize {
            gaussians.append(down(last))
        }
        var levels: [ImagePlanes] = []
        for k in 0..<gaussians.count - 1 {
            levels.append(gaussians[k] - up(gaussians[k + 1], height: gaussians[k].height, width: gaussians[k].width))
        }
        levels.append(gaussians[gaussians.count - 1])
        return levels
    }

    /// Blur and keep every second pixel in each direction.
    static func down(_ image: ImagePlanes) -> ImagePlanes {
        let rowsHalved = blurRows(image, outputHeight: (image.height + 1) / 2) { y, dy, h in
            (reflect(2 * y + dy, h), 1)
        }
        return transposed(blurRows(transposed(rowsHalved), outputHeight: (image.width + 1) / 2) { x, dx, w in
            (reflect(2 * x + dx, w), 1)
        })
    }

    /// Zero-insert up to `height` x `width` and blur with 2x the kernel per axis.
    static func up(_ image: ImagePlanes, height: Int, width: Int) -> ImagePlanes {
        // Output row y reads zero-inserted row j = reflect(y + dy); j is a real row
        // (j / 2) when even, a zero row when odd.
        let rowsDoubled = blurRows(image, outputHeight: height) { y, dy, h in
            let j = reflect(y + dy, height)
            return j % 2 == 0 && j / 2 < h ? (j / 2, 2) : (0, 0)
        }
        return transposed(blurRows(transposed(rowsDoubled), outputHeight: width) { x, dx, w in
            let j = reflect(x + dx, width)
            return j % 2 == 0 && j / 2 < w ? (j / 2, 2) : (0, 0)
        })
    }

    /// Vertical 5-tap filter: output row y of each channel is the sum over dy in -2...2 of
    /// kernel[dy+2] * weight * input row `source`, where (source, weight) = tap(y, dy, inputHeight).
    private static func blurRows(_ image: ImagePlanes, outputHeight: Int,
                                 tap: (Int, Int, Int) -> (source: Int, weight: Float)) -> ImagePlanes {
        let w = image.width
        var out = ImagePlanes(zeros: image.channels, outputHeight, w)
        for c in 0..<image.channels {
            for y in 0..<outputHeight {
                let outRow = (c * outputHeight + y) * w
                for dy in -2...2 {
                    let (source, weight) = tap(y, dy, image.height)
                    let k = kernel[dy + 2] * weight
                    if k == 0 { continue }
                    let inRow = (c * image.height + source) * w
                    for x in 0..<w { out.values[outRow + x] += k * image.values[inRow + x] }
                }
            }
        }
        return out
    }

    private static func transposed(_ image: ImagePlanes) -> ImagePlanes {
        var out = ImagePlanes(zeros: image.channels, image.width, image.height)
        for c in 0..<image.channels {
            for y in 0..<image.height {
                for x in 0..<image.width {
                    out.values[(c * image.width + x) * image.height + y] = image.values[(c * image.height + y) * image.width + x]
                }
            }
        }
        return out
    }

    /// Mirror index i into 0..<n without repeating the edge (-1 -> 1, n -> n-2); any n >= 1.
    static func reflect(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        let period = 2 * (n - 1)
        let m = ((i % period) + period) % period
        return m < n ? m : period - m
    }
}
