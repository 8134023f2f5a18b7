import Glibc
import CBLAS

/// The worker count of our parallel loops (OpenBLAS itself always runs on one thread).
///
/// Work is always cut into the same pieces for a given count, and partial results are
/// combined in piece order, so the same thread count gives the same bytes on every run.
public enum Threads {
    // nonisolated(unsafe): set between commands (`set threads`, `--threads`) by the thread
    // that starts parallel work, never while a forEach runs; the workers do not read it.
    nonisolated(unsafe) private static var current = defaultCount

    /// All online cores.
    public static var defaultCount: Int {
        System.coreCount
    }

    public static var count: Int { current }

    /// Sets our loops to `n` threads (at least 1). OpenBLAS stays on one (`blasOnOneThread`).
    public static func set(_ n: Int) {
        current = max(1, n)
        _ = blasOnOneThread
    }

    /// OpenBLAS runs every call on the calling thread: our loops cut the work into pieces and
    /// each piece makes its own single-threaded BLAS calls. Threads of OpenBLAS's own would
    /// spin (sched_yield) for about 0.1 s after each call it spread over them,
    /// taking turns on the cores our workers need: 5-8 % of a two-thread iteration, where the
    /// small calls made outside pieces had used them. Evaluated once, by the first parallel
    /// loop or thread setting.
    public static let blasOnOneThread: Void = openblas_set_num_threads(1)

    /// Runs `body(piece)` for piece in 0..<pieces, spread over the workers (WorkerPool).
    /// Pieces must write disjoint memory; which thread runs a piece never changes the result.
    @inline(__always)
    public static func forEach(_ pieces: Int, _ body: (Int) -> Void) {
        if pieces <= 1 || current == 1 {
            for p in 0..<pieces { body(p) }
        } else {
            WorkerPool.shared.run(pieces: pieces, helpers: min(current, pieces) - 1, body)
        }
    }

    /// Splits 0..<count into at most `Threads.count` contiguous ranges of at least `grain`
    /// elements and runs them in parallel.
    @inline(__always)
    public static func forRanges(_ count: Int, grain: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
        let pieces = min(current, max(1, count / max(grain, 1)))
        if pieces == 1 { body(0..<count); return }
        let step = (count + pieces - 1) / pieces
        forEach(pieces) { p in
            let lo = p * step, hi = min(count, lo + step)
            if lo < hi { body(lo..<hi) }
        }
    }
}

enum System {
    static var coreCount: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? Int(n) : 1
    }
}
