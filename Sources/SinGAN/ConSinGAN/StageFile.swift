import Tensor

/// A ConSinGAN model in the model file (docs/model-format.md): besides the pyramid and
/// metadata every model has, `recipe` = "consingan", the settings' `consingan` object, the
/// growing generator as `growing.G.head.*`, `growing.G.stage<i>.block<j>.*` (i = 0 the
/// coarsest stage), `growing.G.tail.*`, the newest stage's critic as `growing.D.*`, and
/// `scale<k>.reconstruction_noise` per trained scale (the coarsest real at the coarsest
/// scale, [1, C, H + 2p, W + 2p] noise elsewhere).
extension Model {
    func addStages(to file: inout SafeTensorsFile) {
        guard let nets = growing else { return }
        for scale in scales where scale.trained { file.add("scale\(scale.index).reconstruction_noise", scale.reconstructionNoise) }
        for (name, tensor) in nets.generator.namedParameters { file.add("growing.G." + name, tensor) }
        for (name, stats) in nets.generator.namedStatistics {
            file.add("growing.G.\(name).running_mean", Tensor(stats.mean, shape: [stats.mean.count]))
            file.add("growing.G.\(name).running_var", Tensor(stats.variance, shape: [stats.variance.count]))
        }
        for (name, tensor) in nets.critic?.namedParameters ?? [] { file.add("growing.D." + name, tensor) }
    }

    func restoreStages(from file: SafeTensorsFile, fail: (String) -> ModelFileError) throws {
        let amps = try file.metadataDoubles("noise_amps")
        let trained = Set(try file.metadataInts("trained_scales"))
        guard amps.count == scales.count else {
            throw fail("metadata lists \(amps.count) noise amplitudes for \(scales.count) scales")
        }
        let count = trained.count
        guard trained == Set((coarsest + 1 - count)...coarsest) || count == 0 else {
            throw fail("its trained scales \(trained.sorted()) are not a run from the coarsest scale")
        }
        guard count > 0 else { return }
        var rng = RandomSource(seed: 0)  // weights are overwritten by the file's
        let g = GrowingGenerator(settings: settings, using: &rng)
        for _ in 1..<count { g.addStage() }
        let newest = scales[coarsest + 1 - count].real  // the critic is the newest stage's
        let critic = StageCritic(width: settings.channels, height: newest.h, imageWidth: newest.w, settings: settings, using: &rng)
        for (prefix, named) in [("growing.G.", g.namedParameters), ("growing.D.", critic.namedParameters)] {
            for (name, tensor) in named {
                let stored = try file.tensor(prefix + name, shape: tensor.shape)
                tensor.pointer.update(from: stored.pointer, count: tensor.count)
            }
        }
        for (name, stats) in g.namedStatistics {
            let c = [stats.mean.count]
            stats.mean = try file.tensor("growing.G.\(name).running_mean", shape: c).values
            stats.variance = try file.tensor("growing.G.\(name).running_var", shape: c).values
        }
        g.training = false
        growing = GrowingNetworks(generator: g, critic: critic)
        for scale in scales where trained.contains(scale.index) {
            let shape = scale.index == coarsest ? scale.real.shape
                : g.noiseShape(count: 1, height: scale.height, width: scale.width)
            scale.reconstructionNoise = try file.tensor("scale\(scale.index).reconstruction_noise", shape: shape)
            scale.noiseAmp = Float(amps[scale.index])
            scale.trained = true
        }
    }
}
