// GPNN's own pyramid (not SinGAN's): level l is ceil(H r^l) x ceil(W r^l) of the original
// size for l = 0...levels, each level resized from the one before with the MATLAB-style
// bicubic (antialiased when shrinking). No minimum size: at r = 0.75 and 9 levels the
// coarsest side is ~7.5% of the input, which is where the diversity comes from.
import Foundation
import Imaging

struct PixelSize: Equatable {
    var width: Int
    var height: Int
}

enum PNNPyramid {
    static func sizes(width: Int, height: Int, ratio: Double, levels: Int) -> [PixelSize] {
        (0...levels).map { l in
            let f = pow(ratio, Double(l))
            return PixelSize(width: Int((Double(width) * f).rounded(.up)), height: Int((Double(height) * f).rounded(.up)))
        }
    }

    /// The image at every size of `sizes` (finest first; sizes[0] is the image's own).
    static func images(_ image: Image, sizes: [PixelSize]) -> [Image] {
        var levels = [image]
        for size in sizes.dropFirst() {
            levels.append(resize(levels.last!, width: size.width, height: size.height))
        }
        return levels
    }

    /// Checks that every level holds at least one whole patch.
    static func check(_ sizes: [PixelSize], patch p: Int, what: String, settings: PNNSettings) throws {
        guard let coarsest = sizes.last else { return }
        if sizes[0].width * sizes[0].height > PNN.maxOutputPixels {
            throw PNNError("\(what) is \(sizes[0].width)x\(sizes[0].height); PNN takes at most "
                + "\(PNN.maxOutputPixels / 1_000_000) megapixels")
        }
        if coarsest.width < p || coarsest.height < p {
            throw PNNError("\(what) is \(sizes[0].width)x\(sizes[0].height): its coarsest level (\(settings.levels) "
                + "levels at ratio \(settings.ratio)) is \(coarsest.width)x\(coarsest.height), smaller than the "
                + "\(p)x\(p) patches; use fewer levels, a smaller patch or a larger image")
        }
    }
}
