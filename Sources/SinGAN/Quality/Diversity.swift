/// SinGAN's diversity: how much the samples differ from each other, relative to how much
/// the training image varies.
///
/// For every pixel and channel, the standard deviation of its value over the samples; the
/// mean of those over pixels and channels; divided by the standard deviation of all the
/// training image's values. Both are population standard deviations (divide by n, numpy's
/// default). Identical samples give 0. A constant training image gives NaN (undefined).
enum Diversity {
    static func of(samples: [ImagePlanes], real: ImagePlanes) -> Double {
        guard let first = samples.first else { return 0 }
        let n = Double(samples.count)
        var stdSum = 0.0
        for i in first.values.indices {
            var mean = 0.0
            for s in samples { mean += Double(s.values[i]) }
            mean /= n
            var variance = 0.0
            for s in samples { let d = Double(s.values[i]) - mean; variance += d * d }
            stdSum += (variance / n).squareRoot()
        }
        let meanStd = stdSum / Double(max(first.values.count, 1))
        let realStd = standardDeviation(real.values)
        return realStd > 0 ? meanStd / realStd : .nan
    }

    static func standardDeviation(_ values: [Float]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { let d = Double($1) - mean; return $0 + d * d } / Double(values.count)
        return variance.squareRoot()
    }
}
