import XCTest
@testable import Tensor

/// PointGemm (the Winograd kernels' GEMMs, overwriting and accumulating) against a plain triple loop, on every edge case
/// of its blocking: rows in blocks of 6 and 4 and left over, columns not a multiple of 16 or 8, leading
/// dimensions wider than the matrices; and the AVX-512 width against the AVX2 one, byte for byte.
final class PointGemmTests: XCTestCase {
    override func tearDown() {
        ConvTuning.avx512 = CPUFeatures.avx512
        super.tearDown()
    }

    func testMatchesPlainLoops() {
        ConvTuning.avx512 = false
        checkAgainstPlainLoops()
    }

    func testAVX512MatchesPlainLoops() throws {
        try XCTSkipUnless(CPUFeatures.avx512, "this CPU has no AVX-512")
        ConvTuning.avx512 = true
        checkAgainstPlainLoops()
    }

    /// Each C value is the same multiply-add chain at either width, so a model trains to the
    /// same bytes on a Zen 3 (AVX2) and a Zen 4 (AVX-512).
    func testBothWidthsGiveTheSameBytes() throws {
        try XCTSkipUnless(CPUFeatures.avx512, "this CPU has no AVX-512")
        var seed: UInt64 = 11
        func random() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(seed >> 40) % 2001 - 1000) / 997
        }
        for (m, n, k) in [(32, 64, 32), (32, 32, 192), (33, 56, 17), (6, 40, 5), (128, 128, 128), (7, 24, 3)] {
            let a = (0..<(m * k)).map { _ in random() }, b = (0..<(k * n)).map { _ in random() }
            let c0 = (0..<(m * n)).map { _ in random() }
            var results: [[Float]] = []
            for wide in [false, true] {
                ConvTuning.avx512 = wide
                var c = c0
                PointGemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &c, ldc: n, accumulate: true)
                results.append(c)
            }
            XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern), "m \(m) n \(n) k \(k)")
        }
    }

    private func checkAgainstPlainLoops() {
        var seed: UInt64 = 7
        func random() -> Float {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(seed >> 40) % 2001 - 1000) / 1000
        }
        for (m, n, k) in [(4, 16, 1), (32, 64, 32), (33, 63, 17), (3, 5, 2), (7, 40, 9), (1, 8, 3), (9, 25, 64),
                          (6, 16, 4), (12, 16, 3), (14, 40, 5), (64, 33, 8), (128, 64, 128),
                          (6, 32, 3), (10, 48, 7), (5, 72, 4), (32, 40, 32)] {
            let lda = k + 2, ldb = n + 3, ldc = n + 1
            let a = (0..<(m * lda)).map { _ in random() }, b = (0..<(k * ldb)).map { _ in random() }
            var c = [Float](repeating: .nan, count: m * ldc)
            PointGemm.multiply(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: &c, ldc: ldc)
            // Accumulating (the weight gradient's use): C += A B on top of C's values.
            let c0 = (0..<(m * ldc)).map { _ in random() }
            var sum = c0
            PointGemm.multiply(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: &sum, ldc: ldc, accumulate: true)
            for i in 0..<m {
                for j in 0..<n {
                    var expected: Double = 0
                    for l in 0..<k { expected += Double(a[i * lda + l]) * Double(b[l * ldb + j]) }
                    XCTAssertEqual(Double(c[i * ldc + j]), expected, accuracy: 1e-4 * Double(k),
                                   "m \(m) n \(n) k \(k) at (\(i), \(j))")
                    XCTAssertEqual(Double(sum[i * ldc + j]), Double(c0[i * ldc + j]) + expected,
                                   accuracy: 1e-4 * Double(k + 1), "accumulating, m \(m) n \(n) k \(k) at (\(i), \(j))")
                }
            }
        }
    }
}
