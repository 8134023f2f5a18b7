// Folding: every query patch is replaced by its match's patch from the value image, and
// each pixel becomes the weighted mean of the patches covering it. The weights are GPNN's
// separable Gaussian window (exp(-t^2 / (2 * 1.7^2)) for t in linspace(-1, 1, p)), nearly
// flat (0.84 at an edge): it only favours the patch centred nearest the pixel a little.
import Foundation
import Tensor

enum PatchFold {
    static func window(_ p: Int) -> [Float] {
        (0..<p).map { i in
            let t = p > 1 ? -1 + 2 * Double(i) / Double(p - 1) : 0
            return Float(exp(-0.5 * (t / 1.7) * (t / 1.7)))
        }
    }

    /// The image the field's matches make, of the query image's size. Gathers per output
    /// pixel (rather than scattering per patch) so rows can be computed in parallel and the
    /// sum order is fixed.
    static func fold(_ field: NNField, values: PatchImage, width: Int, height: Int, patch p: Int) -> PatchImage {
        var out = PatchImage(width: width, height: height)
        let g = window(p), stride = values.width * PatchImage.lanes
        out.data.withUnsafeMutableBufferPointer { dst in
            values.data.withUnsafeBufferPointer { src in
                field.match.withUnsafeBufferPointer { match in
                    let dst = dst, src = src, match = match
                    Threads.forRanges(height, grain: 8) { rows in
                        for y in rows {
                            let dyLow = max(0, y - field.rows + 1), dyHigh = min(p - 1, y)
                            for x in 0..<width {
                                let dxLow = max(0, x - field.columns + 1), dxHigh = min(p - 1, x)
                                var sum = SIMD4<Float>(), total: Float = 0
                                if dyLow <= dyHigh && dxLow <= dxHigh {
                                    for dy in dyLow...dyHigh {
                                        let rowOfPatches = (y - dy) * field.columns
                                        for dx in dxLow...dxHigh {
                                            let m = Int(match[rowOfPatches + x - dx])
                                            let ky = m / field.keyColumns + dy, kx = m % field.keyColumns + dx
                                            let w = g[dy] * g[dx]
                                            let v = UnsafeRawPointer(src.baseAddress! + ky * stride + kx * PatchImage.lanes)
                                                .loadUnaligned(as: SIMD4<Float>.self)
                                            sum += w * v
                                            total += w
                                        }
                                    }
                                }
                                let o = (y * width + x) * PatchImage.lanes
                                UnsafeMutableRawPointer(dst.baseAddress! + o).storeBytes(of: total > 0 ? sum / total : sum,
                                                                                        as: SIMD4<Float>.self)
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
