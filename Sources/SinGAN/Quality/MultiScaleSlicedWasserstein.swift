import Tensor

/// PGGAN's multi-scale sliced Wasserstein distance (MS-SWD) between one real image and
/// a set of generated ones: per Laplacian level, how far the distribution of the samples'
/// 7x7 patches is from the distribution of the real image's patches.
enum MultiScaleSlicedWasserstein {
    /// One distance per pyramid level, finest first (raw values: PGGAN's tables show 1e3x).
    ///
    /// Per level: each sample gives up to `patchesPerImage` patches; the real image, being
    /// one image against many, gives up to `patchesPerImage` x (number of samples), so both
    /// sides hold about the same number. Descriptors are normalised per channel, then
    /// compared along `directions` random directions.
    static func distances(real: ImagePlanes, fakes: [ImagePlanes], settings: ScoreSettings, seed: UInt64) -> [Double] {
        let realLevels = LaplacianPyramid.levels(of: real, minimumSize: settings.minimumLevelSize)
        let fakeLevels = fakes.map { LaplacianPyramid.levels(of: $0, minimumSize: settings.minimumLevelSize) }
        let levelCount = fakeLevels.map(\.count).reduce(realLevels.count, min)
        return (0..<levelCount).map { level in
            var realRNG = stream(seed, level: level, role: 1)
            let realPatches = SlicedWasserstein.patches(of: realLevels[level],
                                                        limit: settings.patchesPerImage * max(1, fakes.count), rng: &realRNG)
            var fakeRows: [Float] = []
            for (index, levels) in fakeLevels.enumerated() {
                var fakeRNG = stream(seed, level: level, role: 2 + UInt64(index))
                fakeRows += SlicedWasserstein.patches(of: levels[level], limit: settings.patchesPerImage, rng: &fakeRNG).values
            }
            let dimension = realPatches.dimension
            let fakePatches = PatchDescriptors(count: dimension > 0 ? fakeRows.count / dimension : 0, dimension: dimension, values: fakeRows)

            var sets = [realPatches, fakePatches]
            if settings.normalizeSeparately {
                for i in sets.indices {
                    var one = [sets[i]]
                    SlicedWasserstein.normalize(&one, channels: real.channels)
                    sets[i] = one[0]
                }
            } else {
                SlicedWasserstein.normalize(&sets, channels: real.channels)
            }
            var directionRNG = stream(seed, level: level, role: 0)
            return SlicedWasserstein.distance(sets[0], sets[1], directions: settings.directions, rng: &directionRNG)
        }
    }

    /// An independent generator per (level, role): role 0 draws directions, 1 the real
    /// image's patch positions, 2 + i those of sample i. Adding a sample or a level never
    /// changes the draws of the others.
    static func stream(_ seed: UInt64, level: Int, role: UInt64) -> RandomSource {
        RandomSource(seed: seed ^ (UInt64(level + 1) &* 0x9E37_79B9_7F4A_7C15) ^ ((role + 1) &* 0xD1B5_4A32_D192_ED03))
    }
}
