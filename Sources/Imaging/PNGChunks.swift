// A minimal walk over the PNG chunk stream, done before libpng sees the file: it checks the
// signature (for a clear "not a PNG" message), notes a tRNS chunk, and removes the
// colour-management chunks so libpng hands back raw samples (see PNGReader.swift).
//
// It never judges the file: when the stream stops making sense (a length running past the
// end, a truncated header) the rest is passed through untouched and libpng reports it.

enum PNGChunks {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Chunks that only describe how to colour-manage the samples.
    static let colorManagement: Set<String> = ["gAMA", "cHRM", "sRGB", "iCCP"]

    struct Stream {
        var bytes: [UInt8]
        var hasTRNS: Bool
    }

    static func hasSignature(_ file: [UInt8]) -> Bool {
        file.count >= 8 && Array(file[0..<8]) == signature
    }

    /// The file with gAMA/cHRM/sRGB/iCCP chunks removed. Each remaining chunk keeps its own
    /// CRC, so libpng still verifies everything it reads.
    static func withoutColorManagement(_ file: [UInt8]) -> Stream {
        var out: [UInt8] = []
        out.reserveCapacity(file.count)
        out.append(contentsOf: file[0..<min(8, file.count)])
        var hasTRNS = false
        var at = 8
        while at < file.count {
            guard file.count - at >= 12 else { break }
            let length = Int(file[at]) << 24 | Int(file[at + 1]) << 16 | Int(file[at + 2]) << 8 | Int(file[at + 3])
            guard length <= file.count - at - 12 else { break }
            let type = String(decoding: file[(at + 4)..<(at + 8)], as: UTF8.self)
            let end = at + 12 + length
            if type == "tRNS" { hasTRNS = true }
            if !colorManagement.contains(type) { out.append(contentsOf: file[at..<end]) }
            at = end
            if type == "IEND" { break }
        }
        if at < file.count { out.append(contentsOf: file[at...]) }
        return Stream(bytes: out, hasTRNS: hasTRNS)
    }
}
