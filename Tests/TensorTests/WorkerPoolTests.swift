import XCTest
import Dispatch
@testable import Tensor

/// Threads.forEach on the WorkerPool: every piece runs exactly once, loops back to back
/// (the workers catch the next loop while polling) and after the workers went to sleep,
/// nested and concurrent calls, and thread counts above the core count.
final class WorkerPoolTests: XCTestCase {
    override func tearDown() {
        Threads.set(Threads.defaultCount)
    }

    /// Runs `loops` forEach loops of `pieces` pieces and checks every piece ran once per loop.
    private func checkEveryPieceOnce(loops: Int, pieces: Int, line: UInt = #line) {
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: pieces)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: pieces)
        nonisolated(unsafe) let shared = counts
        for _ in 0..<loops {
            Threads.forEach(pieces) { p in shared[p] += 1 }
        }
        for p in 0..<pieces {
            XCTAssertEqual(counts[p], loops, "piece \(p) of \(pieces)", line: line)
        }
    }

    func testBackToBackLoopsRunEveryPieceOnce() {
        for threads in [2, 3, 8] {
            Threads.set(threads)
            checkEveryPieceOnce(loops: 20_000, pieces: 2)
            checkEveryPieceOnce(loops: 2_000, pieces: 37)
        }
    }

    func testLoopsAfterTheWorkersSleep() {
        Threads.set(4)
        for _ in 0..<5 {
            checkEveryPieceOnce(loops: 3, pieces: 16)
            usleep(20_000)  // longer than the workers poll
        }
    }

    func testNestedLoopRunsOnTheCallingThread() {
        Threads.set(4)
        let total = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 8)
        defer { total.deallocate() }
        total.initialize(repeating: 0, count: 64)
        nonisolated(unsafe) let shared = total
        Threads.forEach(8) { outer in
            Threads.forEach(8) { inner in shared[outer * 8 + inner] += 1 }
        }
        XCTAssertEqual((0..<64).map { total[$0] }, [Int](repeating: 1, count: 64))
    }

    func testConcurrentCallersEachRunTheirOwnPieces() {
        Threads.set(3)
        let callers = 4, pieces = 50, loops = 300
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: callers * pieces)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: callers * pieces)
        nonisolated(unsafe) let shared = counts
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for _ in 0..<loops {
                Threads.forEach(pieces) { p in shared[caller * pieces + p] += 1 }
            }
        }
        for i in 0..<(callers * pieces) { XCTAssertEqual(counts[i], loops, "caller \(i / pieces) piece \(i % pieces)") }
    }
}
