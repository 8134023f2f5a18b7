import Glibc

/// One timed thing in the benchmark, and the interleaved runner that times a group.
///
/// The machine is shared with other builds, so load comes in bursts. Timing every item
/// of a group in turn, round after round, and keeping each item's best call means a burst
/// hurts all items alike, and the ratios between items of one group (each conv kernel to
/// the sgemm peak) stay meaningful even when the absolute figures wobble.
struct Measurement {
    enum Report {
        case gflops(Double)  // the work of one call, in FLOPs
        case seconds
    }

    let key: String
    let label: String
    let report: Report
    let body: () -> Void
}

/// Single-call seconds of each measurement: the best call on the wall clock, the median
/// call on the CPU-time clock (see `timingClock`). Each round gives every measurement at
/// least `slice` seconds (at least one call); rounds repeat until `seconds` have passed.
///
/// Why two statistics: on the wall clock, other processes only ever add time, so the best
/// call is the least disturbed one. The thread CPU-time clock of this virtual machine
/// instead reads low now and then (calls of 10 us came out faster than the core can
/// compute), so there the best call is biased and the median is the honest figure.
func measureInterleaved(_ items: [Measurement], seconds: Double, slice: Double = 0.03) -> [Double] {
    for item in items { item.body() }  // warm caches, scratch buffers and BLAS threads
    var samples = [[Double]](repeating: [], count: items.count)
    let start = now()
    repeat {
        for (i, item) in items.enumerated() {
            let sliceStart = now()
            repeat {
                let t0 = now()
                item.body()
                samples[i].append(now() - t0)
            } while now() - sliceStart < slice
        }
    } while now() - start < seconds
    return samples.map { times in
        if timingClock == CLOCK_MONOTONIC { return times.min() ?? .nan }
        let sorted = times.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}

extension BenchResults {
    /// Times `items` as one interleaved group and adds their figures.
    mutating func addGroup(_ items: [Measurement], seconds: Double) {
        let best = measureInterleaved(items, seconds: seconds)
        for (item, time) in zip(items, best) {
            switch item.report {
            case .seconds:
                add(item.key, time, label: item.label, unit: "s")
            case .gflops(let flops):
                add(item.key, flops / time / 1e9, label: item.label, unit: "GFLOP/s")
            }
        }
    }

    /// Sets `sgemm_gflops` to the best of every sgemm figure of the run (`*sgemm*_gflops`)
    /// and adds a `_pct` companion after every other GFLOP/s figure. Taking the best peak
    /// of the run means a burst of load during one sgemm measurement can only make the
    /// conv kernels look worse, never better.
    mutating func addPercentages() {
        let peaks = entries.filter { $0.key.contains("sgemm") && $0.key.hasSuffix("_gflops") }
        let peak = peaks.compactMap(\.value).max() ?? .nan
        var updated: [Entry] = []
        for e in entries where e.key != "sgemm_gflops" {
            updated.append(e)
            if e.key.hasSuffix("_gflops") && !e.key.contains("sgemm"), let v = e.value {
                updated.append(Entry(key: String(e.key.dropLast("_gflops".count)) + "_pct",
                                     value: 100 * v / peak, label: "  % of sgemm peak", unit: "%"))
            }
        }
        let at = updated.firstIndex { $0.key.contains("sgemm") } ?? 0
        updated.insert(Entry(key: "sgemm_gflops", value: peak, label: "sgemm 2048^3 peak (best of run)",
                             unit: "GFLOP/s"), at: at)
        entries = updated
    }
}
