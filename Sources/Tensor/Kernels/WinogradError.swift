/// How far a Winograd result is from the direct kernels' (test and benchmark measure).
public enum WinogradError {
    /// The largest absolute difference relative to the largest magnitude of `reference`:
    /// single elements near zero may differ by more than that of themselves, as with any
    /// reordered sum.
    public static func relative(_ values: [Float], _ reference: [Float]) -> Float {
        precondition(values.count == reference.count, "WinogradError: \(values.count) vs \(reference.count) values")
        var scale: Float = 1e-30, worst: Float = 0
        for i in values.indices {
            scale = max(scale, abs(reference[i]))
            worst = max(worst, abs(values[i] - reference[i]))
        }
        return worst / scale
    }
}
