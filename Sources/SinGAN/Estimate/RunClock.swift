/// The whole run's time left while it trains: the counted work still to do divided by the
/// speed seen so far in this run (or, in its first seconds, the calibrated speed).
public struct RunClock {
    /// Counted FLOPs of each scale this run trains.
    let work: [Int: Double]
    let total: Double
    let start: Double
    let calibrated: Double?

    /// A clock for training `model` from its next untrained scale down to `end`.
    public init(model: Model, to end: Int, iterations: Int?, calibrated: Double?, start: Double = monotonicSeconds()) {
        var work: [Int: Double] = [:]
        if let next = model.nextUntrained, next >= end {
            for k in end...next { work[k] = model.iterationFLOPs(atScale: k) * Double(iterations ?? model.settings.iterations) }
        }
        self.work = work
        total = work.values.reduce(0, +)
        self.start = start
        self.calibrated = calibrated
    }

    /// Seconds left after `iteration` of `iterations` at scale `k` (finer scales follow).
    public func secondsLeft(scale k: Int, iteration: Int, iterations: Int, now: Double = monotonicSeconds()) -> Double? {
        let finished = work.filter { $0.key > k }.values.reduce(0, +)
        let done = finished + (work[k] ?? 0) * Double(iteration) / Double(max(iterations, 1))
        let elapsed = now - start
        let measured = elapsed > 2 && done > 0 ? done / elapsed : nil
        guard let speed = measured ?? calibrated, speed > 0 else { return nil }
        return max(total - done, 0) / speed
    }
}
