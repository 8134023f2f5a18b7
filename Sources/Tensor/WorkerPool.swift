import Glibc
import Synchronization

/// The threads behind `Threads.forEach`: workers that stay alive, poll briefly for the next
/// parallel loop, and only then sleep.
///
/// Dispatch's `concurrentPerform` wakes its workers from sleep for every loop; on these
/// machines that took 30-40 us, so two 50 us pieces ran no faster than one thread doing
/// both, and pieces of 200 us reached 1.7x. A training step runs thousands of such loops
/// (every element-wise op and BatchNorm of a 250-pixel activation). Here the calling thread
/// takes pieces too, and a worker that finished a loop polls for the next one for about
/// 50 us before it sleeps, so back-to-back loops start at once. Which thread runs which piece
/// never changes a result: pieces write disjoint memory (forEach's contract).
///
/// All of a loop's bookkeeping that workers race on is one atomic word, `state`:
/// generation (21 bits) | pieces (21 bits) | next piece (21 bits). A worker takes a piece
/// with a compare-and-swap that only succeeds while the word still names its loop, so a
/// worker that wakes late can never take a piece of a newer loop as if it were the old one.
final class WorkerPool: @unchecked Sendable {
    // @unchecked Sendable: `body` is written only by the thread that holds `busy`, before
    // `state` publishes its loop (release) and after all of that loop's pieces have returned;
    // workers read it only while holding a piece of that loop (after an acquiring CAS).
    nonisolated(unsafe) private var body: ((Int) -> Void)?
    private let state = Atomic<Int>(0)
    private let remaining = Atomic<Int>(0)
    private let helpers = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let sleepers = Atomic<Int>(0)
    private let started = Atomic<Int>(0)
    private let refused = Atomic<Bool>(false)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private static let bits = 21, mask = (1 << 21) - 1

    static let shared = WorkerPool()

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
    }

    /// Runs `body(piece)` for every piece in 0..<pieces on the caller and up to `helpers`
    /// workers; returns when all are done. A call made while another runs (from inside a
    /// piece, or from a second thread) runs its pieces on the calling thread.
    func run(pieces: Int, helpers count: Int, _ work: (Int) -> Void) {
        guard count > 0, pieces > 1, pieces <= Self.mask,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for p in 0..<pieces { work(p) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        startWorkers(count)
        withoutActuallyEscaping(work) { work in
            body = work
            helpers.store(count, ordering: .relaxed)
            remaining.store(pieces, ordering: .relaxed)
            let generation = ((state.load(ordering: .relaxed) >> (2 * Self.bits)) + 1) & Self.mask
            // Sequentially consistent, with the worker's side below: either the worker sees this
            // loop before it sleeps, or this thread sees the sleeper and wakes it.
            state.store(generation << (2 * Self.bits) | pieces << Self.bits, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(mutex)
            }
            while let piece = take(generation) { runPiece(piece) }
            while remaining.load(ordering: .acquiring) > 0 {}
            body = nil
        }
    }

    /// The next piece of loop `generation`, or nil when it has none left (or is over).
    private func take(_ generation: Int) -> Int? {
        var word = state.load(ordering: .acquiring)
        while true {
            let next = word & Self.mask, pieces = (word >> Self.bits) & Self.mask
            guard word >> (2 * Self.bits) == generation, next < pieces else { return nil }
            let (exchanged, current) = state.compareExchange(expected: word, desired: word + 1,
                                                            ordering: .acquiringAndReleasing)
            if exchanged { return next }
            word = current
        }
    }

    /// One piece; the body's reference is dropped before `remaining` says the piece is done
    /// (the caller's `withoutActuallyEscaping` checks that nothing still holds it).
    @inline(never)
    private func runPiece(_ piece: Int) {
        body?(piece)
        remaining.subtract(1, ordering: .releasing)
    }

    /// Starts workers until `count` run. When the system refuses a thread, the loops run on
    /// the workers there are (the caller takes any piece nobody else does), and no more are
    /// tried.
    private func startWorkers(_ count: Int) {
        while !refused.load(ordering: .relaxed) && started.load(ordering: .relaxed) < count {
            let index = started.load(ordering: .relaxed)
            let start = Unmanaged.passRetained(WorkerStart(pool: self, index: index))
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                guard let raw else { return nil }
                let start = Unmanaged<WorkerStart>.fromOpaque(raw).takeRetainedValue()
                start.pool.workerLoop(index: start.index)
                return nil
            }, start.toOpaque())
            guard status == 0 else {
                start.release()
                refused.store(true, ordering: .relaxed)
                return
            }
            pthread_detach(thread)
            started.add(1, ordering: .relaxed)
        }
    }

    private func generation(of word: Int) -> Int { word >> (2 * Self.bits) }

    private func workerLoop(index: Int) {
        var seen = generation(of: state.load(ordering: .acquiring))
        while true {
            // Poll for the next loop for a while (~50 us), then sleep until one starts.
            var polls = 0
            while generation(of: state.load(ordering: .acquiring)) == seen && polls < 200_000 { polls += 1 }
            if generation(of: state.load(ordering: .acquiring)) == seen {
                pthread_mutex_lock(mutex)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while generation(of: state.load(ordering: .sequentiallyConsistent)) == seen { pthread_cond_wait(wake, mutex) }
                sleepers.subtract(1, ordering: .releasing)
                pthread_mutex_unlock(mutex)
            }
            seen = generation(of: state.load(ordering: .acquiring))
            guard index < helpers.load(ordering: .relaxed) else { continue }
            while let piece = take(seen) { runPiece(piece) }
        }
    }
}

private final class WorkerStart {
    let pool: WorkerPool
    let index: Int
    init(pool: WorkerPool, index: Int) {
        self.pool = pool
        self.index = index
    }
}
