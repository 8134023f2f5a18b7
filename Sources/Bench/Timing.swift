import Glibc

/// What `now()` reads: wall-clock time, or (`--cpu-time`, with one thread) the CPU time of
/// the calling thread, which ignores the time other processes hold the core. The CPU-time
/// mode measures per-core efficiency robustly on a busy machine; only wall-clock time at
/// full thread count shows the parallel speed-up.
// nonisolated(unsafe): set once from the command line before any measurement; read on the
// main thread only (the measured code's workers never time themselves).
nonisolated(unsafe) var timingClock = CLOCK_MONOTONIC

/// Seconds on `timingClock`.
func now() -> Double {
    var t = timespec()
    clock_gettime(timingClock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// The 1-minute load average: other processes compete for the same 2 cores.
func loadAverage() -> Double? {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) >= 1 ? loads[0] : nil
}

/// Best time of `body` over repetitions: `warmup` untimed calls, then at least
/// `minReps` timed ones and more until `minSeconds` have passed (at most `maxReps`).
/// The machine is shared, so the best run is the one least disturbed by others;
/// ratios are only ever taken between figures of the same bench run.
func bestTime(warmup: Int = 2, minReps: Int = 5, maxReps: Int = 200, minSeconds: Double = 0.5,
              _ body: () -> Void) -> Double {
    for _ in 0..<warmup { body() }
    var best = Double.infinity
    var reps = 0
    let start = now()
    while reps < minReps || (reps < maxReps && now() - start < minSeconds) {
        let t0 = now()
        body()
        best = min(best, now() - t0)
        reps += 1
    }
    return best
}

/// A float buffer filled with a fixed pseudo-random pattern in [-1, 1).
final class BenchBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(_ count: Int, seed: UInt32 = 1) {
        self.count = count
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(count, 1))
        var state = seed | 1
        for i in 0..<count {
            state = state &* 1_664_525 &+ 1_013_904_223
            pointer[i] = Float(state >> 8) / Float(1 << 23) - 1
        }
    }

    deinit { pointer.deallocate() }
}
