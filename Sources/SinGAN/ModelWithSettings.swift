// Changing a model's training settings between `train` calls without retraining it.
extension Model {
    /// The same model with other settings: the pyramid, nets, noise and training state
    /// are shared. Only training settings may differ (the nets' shapes come from the rest).
    public func with(settings: Settings) -> Model {
        let copy = Model(settings: settings, geometry: geometry, source: source, reals: scales.map(\.real), seed: seed)
        copy.randomState = randomState
        copy.growing = growing
        copy.labels = labels
        for (new, old) in zip(copy.scales, scales) {
            new.generator = old.generator
            new.discriminator = old.discriminator
            new.noiseAmp = old.noiseAmp
            new.reconstructionNoise = old.reconstructionNoise
            new.trained = old.trained
            new.losses = old.losses
            new.lossHistory = old.lossHistory
        }
        return copy
    }
}
