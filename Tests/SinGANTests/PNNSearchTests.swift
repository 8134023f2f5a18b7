import Imaging
import Tensor
import XCTest
@testable import SinGAN

/// The nearest-neighbour searches behind PNN against brute force on small images.
final class PNNSearchTests: XCTestCase {
    /// Random pixels in [-1, 1).
    func noiseImage(_ width: Int, _ height: Int, seed: UInt64) -> PatchImage {
        var rng = RandomSource(seed: seed)
        let image = Image(width: width, height: height, pixels: (0..<(3 * width * height)).map { _ in 2 * rng.uniform() - 1 })
        return PatchImage(image)
    }

    func distance(_ a: PatchImage, _ ax: Int, _ ay: Int, _ b: PatchImage, _ bx: Int, _ by: Int, p: Int) -> Float {
        var total: Float = 0
        for dy in 0..<p { for dx in 0..<p { for c in 0..<3 {
            let d = a.data[((ay + dy) * a.width + ax + dx) * 4 + c] - b.data[((by + dy) * b.width + bx + dx) * 4 + c]
            total += d * d
        } } }
        return total
    }

    /// Brute force: the best key per query of d / (alpha + min over queries d) (or d).
    func bruteForce(_ q: PatchImage, _ k: PatchImage, p: Int, alpha: Float?, allowed: [Bool]? = nil) -> [Int] {
        let (qx, qy) = q.positions(p), (kx, ky) = k.positions(p)
        var d = [[Float]](repeating: [], count: qx * qy)
        for i in 0..<(qx * qy) { d[i] = (0..<(kx * ky)).map { j in distance(q, i % qx, i / qx, k, j % kx, j / kx, p: p) } }
        var keyMin = [Float](repeating: .infinity, count: kx * ky)
        for j in 0..<(kx * ky) { for i in 0..<(qx * qy) { keyMin[j] = min(keyMin[j], d[i][j]) } }
        return (0..<(qx * qy)).map { i in
            var best = Float.infinity, at = 0
            for j in 0..<(kx * ky) where allowed?[j] ?? true {
                let c = alpha.map { d[i][j] / ($0 + keyMin[j]) } ?? d[i][j]
                if c < best { best = c; at = j }
            }
            return at
        }
    }

    func testExactSearchMatchesBruteForce() {
        let q = noiseImage(19, 13, seed: 1), k = noiseImage(23, 17, seed: 2)
        for alpha: Float? in [nil, 0.5, 20] {
            let field = ExactSearch.search(queries: q, keys: k, mask: nil, patch: 5, alpha: alpha)
            XCTAssertEqual(field.match.map(Int.init), bruteForce(q, k, p: 5, alpha: alpha), "alpha \(String(describing: alpha))")
        }
    }

    func testExactSearchOverManyTilesMatchesBruteForce() {
        // More than one 256-query tile and one 1024-key tile, split over threads.
        let q = noiseImage(40, 30, seed: 3), k = noiseImage(42, 34, seed: 4)
        let field = ExactSearch.search(queries: q, keys: k, mask: nil, patch: 3, alpha: nil)
        XCTAssertGreaterThan(field.match.count, ExactSearch.queryTile)
        XCTAssertEqual(field.match.map(Int.init), bruteForce(q, k, p: 3, alpha: nil))
    }

    func testExactSearchKeepsToAllowedKeys() {
        let q = noiseImage(12, 10, seed: 5), k = noiseImage(14, 12, seed: 6)
        let (kx, ky) = k.positions(3)
        let allowed = (0..<(kx * ky)).map { $0 % 3 == 0 }
        let field = ExactSearch.search(queries: q, keys: k, mask: KeyMask(allowed: allowed), patch: 3, alpha: nil)
        XCTAssertEqual(field.match.map(Int.init), bruteForce(q, k, p: 3, alpha: nil, allowed: allowed))
    }

    func testPatchMatchFindsAShiftedCopy() {
        // The queries are a crop of the keys: every patch has an exact twin at offset (5, 3).
        let keys = noiseImage(60, 40, seed: 7)
        var crop = PatchImage(width: 40, height: 30)
        for y in 0..<30 { for x in 0..<40 { for c in 0..<4 {
            crop.data[(y * 40 + x) * 4 + c] = keys.data[((y + 3) * 60 + x + 5) * 4 + c]
        } } }
        let (qx, qy) = crop.positions(7), (kx, ky) = keys.positions(7)
        var rng = RandomSource(seed: 8)
        var field = NNField.random(columns: qx, rows: qy, keyColumns: kx, keyRows: ky, mask: nil, using: &rng)
        PatchMatch.improve(&field, queries: crop, keys: keys, mask: nil, weights: nil, patch: 7, passes: 5, seed: 9)
        let exact = field.match.enumerated().filter { i, m in Int(m) == (i / qx + 3) * kx + i % qx + 5 }.count
        XCTAssertGreaterThan(Double(exact) / Double(field.match.count), 0.99)
    }

    func testPatchMatchNeverUsesMaskedKeys() {
        let q = noiseImage(30, 20, seed: 10), k = noiseImage(30, 20, seed: 11)
        let (qx, qy) = q.positions(5), (kx, ky) = k.positions(5)
        let mask = KeyMask(allowed: (0..<(kx * ky)).map { ($0 % kx) < kx / 2 })
        var field = NNField(columns: qx, rows: qy, keyColumns: kx, keyRows: ky, match: [Int32](repeating: Int32(kx - 1), count: qx * qy))
        PatchMatch.improve(&field, queries: q, keys: k, mask: mask, weights: nil, patch: 5, passes: 3, seed: 12)
        XCTAssertTrue(field.match.allSatisfy { mask.allowed[Int($0)] })
    }

    func testPatchMatchIsIndependentOfThreadCount() {
        let q = noiseImage(50, 40, seed: 13), k = noiseImage(45, 35, seed: 14)
        let (qx, qy) = q.positions(7), (kx, ky) = k.positions(7)
        func run(threads: Int) -> [Int32] {
            let saved = Threads.count
            Threads.set(threads)
            defer { Threads.set(saved) }
            var rng = RandomSource(seed: 15)
            var field = NNField.random(columns: qx, rows: qy, keyColumns: kx, keyRows: ky, mask: nil, using: &rng)
            PatchMatch.improve(&field, queries: q, keys: k, mask: nil, weights: nil, patch: 7, passes: 2, seed: 16)
            return field.match
        }
        XCTAssertEqual(run(threads: 1), run(threads: 2))
    }

    func testFoldOfTheIdentityFieldGivesTheValuesBack() {
        let values = noiseImage(20, 16, seed: 17)
        let (cx, cy) = values.positions(7)
        let field = NNField(columns: cx, rows: cy, keyColumns: cx, keyRows: cy, match: (0..<Int32(cx * cy)).map { $0 })
        let folded = PatchFold.fold(field, values: values, width: 20, height: 16, patch: 7)
        XCTAssertEqual(folded.image.maxAbsDifference(values.image), 0, accuracy: 1e-5)
    }

    func testResampledFieldKeepsACoherentCopyCoherent() {
        // An identity field at a coarse level stays (close to) the identity at a finer one.
        let field = NNField(columns: 10, rows: 8, keyColumns: 10, keyRows: 8, match: (0..<Int32(80)).map { $0 })
        let fine = field.resampled(columns: 14, rows: 11, keyColumns: 14, keyRows: 11)
        let identity = fine.match.enumerated().filter { $0.offset == Int($0.element) }.count
        XCTAssertGreaterThan(Double(identity) / Double(fine.match.count), 0.6)
        XCTAssertTrue(fine.match.allSatisfy { $0 >= 0 && $0 < 14 * 11 })
    }
}
