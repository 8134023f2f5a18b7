// The GPNN applications ("Drop the GAN", Granot et al., CVPR 2022): samples and retargeting,
// inpainting, editing and structural analogies, all from one image and no training. Each
// sets up the pyramids and the starting guess of a PNNRun (gpnn.md, "Per application").
import Imaging
import Tensor

public enum PNN {
    /// The largest output (and input) the commands accept: 4 megapixels, ~10 s a sample.
    public static let maxOutputPixels = 4_000_000

    /// A sample of `size` (default: the image's): the image's coarsest level resized to the
    /// output's coarsest size, plus noise of std `settings.noise` (x2 in [-1, 1] units) drawn
    /// in planar order, then refined level by level. With no noise, 10 coarsest steps and a
    /// small alpha (`PNNSettings.retargeting`) this is GPNN's retargeting.
    public static func sample(_ image: Image, size: (width: Int, height: Int)? = nil, settings: PNNSettings,
                              seed: UInt64, check: () throws -> Void = {}) throws -> Image {
        let target = size ?? (image.width, image.height)
        let inputSizes = PNNPyramid.sizes(width: image.width, height: image.height, ratio: settings.ratio, levels: settings.levels)
        let outputSizes = PNNPyramid.sizes(width: target.width, height: target.height, ratio: settings.ratio, levels: settings.levels)
        try PNNPyramid.check(inputSizes, patch: settings.patchSize, what: "the image", settings: settings)
        try PNNPyramid.check(outputSizes, patch: settings.patchSize, what: "the output", settings: settings)
        let values = PNNPyramid.images(image, sizes: inputSizes)
        let start = outputSizes.last!
        var initial = size == nil ? values.last! : resize(values.last!, width: start.width, height: start.height)
        var rng = RandomSource(seed: seed)
        let std = Float(2 * settings.noise)
        if std > 0 { for i in initial.pixels.indices { initial.pixels[i] += std * rng.normal() } }
        let run = PNNRun(values: values, masks: values.map { _ in nil }, outputSizes: outputSizes, initial: initial,
                         settings: settings, seed: rng.next())
        return try run.run(check: check)
    }

    /// Fills the hole (mask values above 0.5) with patches from the rest of the image: the
    /// hole is painted the mean colour of the known pixels, keys are only patches wholly
    /// outside the hole at each level, and the known pixels are kept exactly in the result.
    public static func inpaint(_ image: Image, hole: Mask, settings: PNNSettings, seed: UInt64,
                               check: () throws -> Void = {}) throws -> Image {
        guard hole.width == image.width && hole.height == image.height else {
            throw PNNError("the mask is \(hole.width)x\(hole.height) but the image is \(image.width)x\(image.height)")
        }
        let sizes = PNNPyramid.sizes(width: image.width, height: image.height, ratio: settings.ratio, levels: settings.levels)
        try PNNPyramid.check(sizes, patch: settings.patchSize, what: "the image", settings: settings)
        let painted = paintHole(image, hole)
        let values = PNNPyramid.images(painted, sizes: sizes)
        let holeLevels = PNNPyramid.images(hole.image, sizes: sizes)
        var masks: [KeyMask?] = []
        for (level, holeImage) in holeLevels.enumerated() {
            let mask = keyMask(hole: threshold(holeImage, above: 0.5), patch: settings.patchSize)
            guard !mask.indices.isEmpty else {
                throw PNNError("the mask leaves no whole \(settings.patchSize)x\(settings.patchSize) patch outside the hole "
                    + "at level \(level) (\(sizes[level].width)x\(sizes[level].height)); use a smaller hole or fewer levels")
            }
            masks.append(mask)
        }
        let run = PNNRun(values: values, masks: masks, outputSizes: sizes, initial: values.last!, settings: settings, seed: seed)
        let filled = try run.run(check: check)
        var out = image
        for c in 0..<Image.channels { for i in 0..<image.planeSize where hole.values[i] > 0.5 {
            out.pixels[c * image.planeSize + i] = filled.pixels[c * image.planeSize + i]
        } }
        return out
    }

    /// The layout of `layout` made of the patches of `patches` (structural analogy): the
    /// guess starts from `layout`'s coarsest level, keys and values come from `patches`.
    public static func analogy(layout: Image, patches: Image, settings: PNNSettings, seed: UInt64,
                               check: () throws -> Void = {}) throws -> Image {
        let outputSizes = PNNPyramid.sizes(width: layout.width, height: layout.height, ratio: settings.ratio, levels: settings.levels)
        let sourceSizes = PNNPyramid.sizes(width: patches.width, height: patches.height, ratio: settings.ratio, levels: settings.levels)
        try PNNPyramid.check(outputSizes, patch: settings.patchSize, what: "the layout image", settings: settings)
        try PNNPyramid.check(sourceSizes, patch: settings.patchSize, what: "the patch image", settings: settings)
        let values = PNNPyramid.images(patches, sizes: sourceSizes)
        let run = PNNRun(values: values, masks: values.map { _ in nil }, outputSizes: outputSizes,
                         initial: PNNPyramid.images(layout, sizes: outputSizes).last!, settings: settings, seed: seed)
        return try run.run(check: check)
    }

    /// A crude edit (pasted or painted over `original`) made coherent with the original's
    /// patches: the analogy with the edit as the layout and the original as the patches.
    public static func edit(original: Image, edited: Image, settings: PNNSettings, seed: UInt64,
                            check: () throws -> Void = {}) throws -> Image {
        try analogy(layout: edited, patches: original, settings: settings, seed: seed, check: check)
    }

    private static func paintHole(_ image: Image, _ hole: Mask) -> Image {
        var out = image
        let plane = image.planeSize
        for c in 0..<Image.channels {
            var sum = 0.0, count = 0
            for i in 0..<plane where hole.values[i] <= 0.5 { sum += Double(image.pixels[c * plane + i]); count += 1 }
            let mean = Float(count > 0 ? sum / Double(count) : 0)
            for i in 0..<plane where hole.values[i] > 0.5 { out.pixels[c * plane + i] = mean }
        }
        return out
    }

    /// Key positions whose whole patch lies outside the hole.
    static func keyMask(hole: Mask, patch p: Int) -> KeyMask {
        let columns = max(0, hole.width - p + 1), rows = max(0, hole.height - p + 1)
        var allowed = [Bool](repeating: true, count: columns * rows)
        for y in 0..<rows { for x in 0..<columns {
            search: for dy in 0..<p { for dx in 0..<p where hole[x: x + dx, y: y + dy] > 0.5 {
                allowed[y * columns + x] = false
                break search
            } }
        } }
        return KeyMask(allowed: allowed)
    }
}
