// How much of a sample is one verbatim copy of the input: match every patch of the sample
// to the input's patches, take each match's offset (where in the input minus where in the
// sample), and report the share of patches for which the input patch at the single most common offset is a
// nearest one. A
// plain copy (or a shifted copy) gives 1; a reshuffle into pieces gives the largest piece's
// share; a texture made of new arrangements gives a few percent. GPNN is known for
// near-copies (gpnn.md §3), so this is reported beside SWD and diversity.
import Imaging
import Tensor

extension PNN {
    /// The share (0...1) of the sample's patch positions whose nearest input patch sits at
    /// the most common offset. Matches are PatchMatch's after 6 passes from the identity
    /// (which finds aligned copies first), deterministic for the inputs.
    public static func copyShare(sample: Image, of real: Image, patch p: Int = 7) -> Double {
        let queries = PatchImage(sample), keys = PatchImage(real)
        let (qx, qy) = queries.positions(p), (kx, ky) = keys.positions(p)
        guard qx > 0, qy > 0, kx > 0, ky > 0 else { return 0 }
        var identity = [Int32](repeating: 0, count: qx * qy)
        for y in 0..<qy { for x in 0..<qx { identity[y * qx + x] = Int32(min(y, ky - 1) * kx + min(x, kx - 1)) } }
        var field = NNField(columns: qx, rows: qy, keyColumns: kx, keyRows: ky, match: identity)
        PatchMatch.improve(&field, queries: queries, keys: keys, mask: nil, weights: nil, patch: p, passes: 6, seed: 0x0C0F)
        var counts: [Int: Int] = [:]
        for y in 0..<qy { for x in 0..<qx {
            let m = Int(field.match[y * qx + x])
            counts[(m / kx - y + 20_000) * 40_000 + (m % kx - x + 20_000), default: 0] += 1
        } }
        guard let mode = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key else { return 0 }
        // Flat regions have many equally near patches: a patch counts as copied when the
        // patch at the common offset is as near as its match, wherever the search landed.
        let dy = mode / 40_000 - 20_000, dx = mode % 40_000 - 20_000
        let geometry = PatchMatch.Geometry(field: field, queries: queries, keys: keys, patch: p)
        var copied = 0
        queries.data.withUnsafeBufferPointer { q in
            keys.data.withUnsafeBufferPointer { k in
                for y in 0..<qy { for x in 0..<qx {
                    let ax = x + dx, ay = y + dy
                    guard ax >= 0 && ax < kx && ay >= 0 && ay < ky else { continue }
                    let cost = field.cost[y * qx + x]
                    let aligned = patchDistance(q.baseAddress! + (y * queries.width + x) * PatchImage.lanes,
                                                k.baseAddress! + (ay * keys.width + ax) * PatchImage.lanes,
                                                geometry, bound: .infinity)
                    if aligned <= cost * (1 + 1e-5) + 1e-6 { copied += 1 }
                } }
            }
        }
        return Double(copied) / Double(qx * qy)
    }
}
