// A nearest-neighbour field: for every patch position of the query image, the position of
// its match among the key image's patches, and the cost of that match.
import Tensor

struct NNField {
    /// Query patch positions per row and per column.
    let columns: Int
    let rows: Int
    /// Key patch positions per row and per column.
    let keyColumns: Int
    let keyRows: Int
    /// Per query position `y * columns + x`: the key position `ky * keyColumns + kx`.
    var match: [Int32]
    /// Per query position: the (weighted) squared distance of the match.
    var cost: [Float]

    init(columns: Int, rows: Int, keyColumns: Int, keyRows: Int, match: [Int32]) {
        self.columns = columns
        self.rows = rows
        self.keyColumns = keyColumns
        self.keyRows = keyRows
        self.match = match
        cost = [Float](repeating: .infinity, count: match.count)
    }

    /// Random matches among the allowed keys, for a search with nothing to start from.
    static func random(columns: Int, rows: Int, keyColumns: Int, keyRows: Int, mask: KeyMask?,
                       using rng: inout RandomSource) -> NNField {
        let keys = keyColumns * keyRows
        let match = (0..<(columns * rows)).map { _ -> Int32 in
            if let mask { return mask.indices[rng.integer(below: mask.indices.count)] }
            return Int32(rng.integer(below: keys))
        }
        return NNField(columns: columns, rows: rows, keyColumns: keyColumns, keyRows: keyRows, match: match)
    }

    /// This field carried to another pair of sizes (the next, finer level): each query
    /// position takes the match of the corresponding coarse position, scaled, plus its own
    /// offset from that position, so a coherent coarse copy stays a coherent fine copy.
    func resampled(columns newColumns: Int, rows newRows: Int, keyColumns newKeyColumns: Int,
                   keyRows newKeyRows: Int) -> NNField {
        let sx = Double(columns) / Double(newColumns), sy = Double(rows) / Double(newRows)
        let kx = Double(newKeyColumns) / Double(keyColumns), ky = Double(newKeyRows) / Double(keyRows)
        var match = [Int32](repeating: 0, count: newColumns * newRows)
        for y in 0..<newRows {
            let cy = min(rows - 1, Int(Double(y) * sy))
            let baseY = Int((Double(cy) / sy).rounded())
            for x in 0..<newColumns {
                let cx = min(columns - 1, Int(Double(x) * sx))
                let baseX = Int((Double(cx) / sx).rounded())
                let old = Int(self.match[cy * columns + cx])
                let mx = Int((Double(old % keyColumns) * kx).rounded()) + x - baseX
                let my = Int((Double(old / keyColumns) * ky).rounded()) + y - baseY
                match[y * newColumns + x] = Int32(min(max(my, 0), newKeyRows - 1) * newKeyColumns
                                                  + min(max(mx, 0), newKeyColumns - 1))
            }
        }
        return NNField(columns: newColumns, rows: newRows, keyColumns: newKeyColumns, keyRows: newKeyRows, match: match)
    }
}
