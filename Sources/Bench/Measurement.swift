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

/// Best single-call seconds of each measurement. Each round gives every measurement at
/// least `slice` seconds (at least one call); rounds repeat until `seconds` have passed.
func measureInterleaved(_ items: [Measurement], seconds: Double, slice: Double = 0.03) -> [Double] {
    for item in items { item.body() }  // warm caches, scratch buffers and BLAS threads
    var best = [Double](repeating: .infinity, count: items.count)
    let start = now()
    repeat {
        for (i, item) in items.enumerated() {
            let sliceStart = now()
            repeat {
                let t0 = now()
                item.body()
                best[i] = min(best[i], now() - t0)
            } while now() - sliceStart < slice
        }
    } while now() - start < seconds
    return best
}

extension BenchResults {
    /// Times `items` as one interleaved group and adds their figures; conv GFLOP/s figures
    /// get a `_pct` companion relative to the group's `peakKey` measurement.
    mutating func addGroup(_ items: [Measurement], seconds: Double, peakKey: String) {
        let best = measureInterleaved(items, seconds: seconds)
        var peak = Double.nan
        for (item, time) in zip(items, best) where item.key == peakKey {
            if case .gflops(let flops) = item.report { peak = flops / time / 1e9 }
        }
        for (item, time) in zip(items, best) {
            switch item.report {
            case .seconds:
                add(item.key, time, label: item.label, unit: "s")
            case .gflops(let flops):
                let gflops = flops / time / 1e9
                add(item.key, gflops, label: item.label, unit: "GFLOP/s")
                if item.key != peakKey && item.key.hasSuffix("_gflops") {
                    add(String(item.key.dropLast("_gflops".count)) + "_pct", 100 * gflops / peak,
                        label: "  % of sgemm peak", unit: "%")
                }
            }
        }
    }
}
