// Checks on what a model file says, made before anything is allocated or built from it.
// A model file may come from anywhere: a negative width, zero layers or a NaN weight must be
// refused with the file and the field named, never reach a network constructor or a kernel.

extension Settings {
    /// The largest width `channels`/`maxchannels` may have (as `set channels` enforces).
    public static let maxWidth = 4096

    /// What is wrong with settings read from a file (nil when they are usable): the bounds
    /// `set` enforces, so that no pyramid or network arithmetic can overflow or trap.
    /// Each problem names the field as the file's `settings` JSON spells it.
    public var problem: String? {
        let whole: [(String, Int, ClosedRange<Int>)] = [
            ("minSize", minSize, 1...16384), ("maxSize", maxSize, 1...16384),
            ("channels", channels, 1...Self.maxWidth), ("maxChannels", maxChannels, 1...Self.maxWidth),
            ("doubleEvery", doubleEvery, 1...1000), ("layers", layers, 2...64), ("kernel", kernel, 1...31),
            ("iterations", iterations, 1...10_000_000), ("dSteps", dSteps, 1...1000), ("gSteps", gSteps, 1...1000),
            ("scales", scales ?? 1, 1...100),
        ]
        for (name, value, range) in whole where !range.contains(value) {
            return "\(name) is \(value), must be in \(range.lowerBound)...\(range.upperBound)"
        }
        let fractional: [(String, Double, ClosedRange<Double>)] = [
            ("scaleFactor", scaleFactor, 0.01...0.99), ("decayAt", decayAt, 0...1),
            ("learningRateG", Double(learningRateG), 0...1), ("learningRateD", Double(learningRateD), 0...1),
            ("beta1", Double(beta1), 0...0.999_999), ("beta2", Double(beta2), 0...0.999_999),
            ("decayFactor", Double(decayFactor), 0...1), ("gpWeight", Double(gpWeight), 0...1e9),
            ("reconstructionWeight", Double(reconstructionWeight), 0...1e9), ("noiseAmp", Double(noiseAmp), 0...1e9),
            ("initStd", Double(initStd), 0...1e3), ("leakySlope", Double(leakySlope), 0...1),
        ]
        for (name, value, range) in fractional where !range.contains(value) {
            return "\(name) is \(value), must be in \(range.lowerBound)...\(range.upperBound)"
        }
        return nil
    }
}

extension ConvStack {
    /// How many floats the weights and statistics of a stack hold, computed without
    /// building it, so a width read from a file can be checked against the file's size
    /// before anything that large is allocated.
    static func storedFloats(width: Int, outChannels: Int, settings s: Settings) -> Int {
        let k2 = s.kernel * s.kernel
        var total = 0
        for i in 0..<(s.layers - 1) {
            let inChannels = i == 0 ? 3 : width
            total += inChannels * width * k2 + width  // conv weight, bias
            total += 4 * width                         // norm gamma, beta, running mean, variance
        }
        return total + width * outChannels * k2 + outChannels
    }
}

extension SafeTensorsFile {
    /// Refuses NaN and infinite values: a model with them would load and sample garbage.
    func requireFiniteValues(_ fail: (String) -> ModelFileError) throws {
        for entry in tensors where !entry.values.allSatisfy(\.isFinite) {
            throw fail("tensor \"\(entry.name)\" holds NaN or infinite values")
        }
    }

    /// How many floats the file holds in all its tensors.
    var storedFloats: Int { tensors.reduce(0) { $0 + $1.values.count } }
}

extension Model {
    /// Checks the per-scale metadata lists against the pyramid and the file's size.
    static func checkScaleMetadata(amps: [Double], widths: [Int], trained: [Int], scaleCount: Int,
                                   settings: Settings, file: SafeTensorsFile,
                                   fail: (String) -> ModelFileError) throws {
        guard amps.count == scaleCount else {
            throw fail("metadata \"noise_amps\" lists \(amps.count) noise amplitudes for \(scaleCount) scales")
        }
        guard widths.count == scaleCount else {
            throw fail("metadata \"channels\" lists \(widths.count) widths for \(scaleCount) scales")
        }
        if let bad = amps.firstIndex(where: { !$0.isFinite || $0 < 0 || $0 > 1e6 }) {
            throw fail("metadata \"noise_amps\" has \(amps[bad]) for scale \(bad); must be a finite number >= 0")
        }
        if let bad = trained.first(where: { !(0..<scaleCount).contains($0) }) {
            throw fail("metadata \"trained_scales\" lists scale \(bad), but the pyramid has scales 0...\(scaleCount - 1)")
        }
        for k in trained {
            let width = widths[k]
            guard (1...Settings.maxWidth).contains(width) else {
                throw fail("metadata \"channels\" has \(width) for scale \(k); must be in 1...\(Settings.maxWidth)")
            }
            let needed = ConvStack.storedFloats(width: width, outChannels: 3, settings: settings)
                + ConvStack.storedFloats(width: width, outChannels: 1, settings: settings)
            guard needed <= file.storedFloats else {
                throw fail("metadata \"channels\" has \(width) for scale \(k), which needs \(needed) weights; the file holds only \(file.storedFloats)")
            }
        }
    }
}
