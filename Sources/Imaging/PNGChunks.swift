// A minimal walk over the PNG chunk stream, done before libpng sees the file: it checks the
// signature (for a clear "not a PNG" message), notes a tRNS chunk, and removes the
// colour-management chunks so libpng hands back raw samples (see PNGReader.swift).
//
// It judges the file only where libpng would suffer first: a chunk whose length runs past
// the end of the file (libpng would allocate that length, up to 2 GB, before finding the
// data missing; found by scripts/fuzz.sh). Anything else that stops making sense (a
// truncated chunk header) is passed through untouched and libpng reports it.

enum PNGChunks {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Chunks that only describe how to colour-manage the samples.
    static let colorManagement: Set<String> = ["gAMA", "cHRM", "sRGB", "iCCP"]

    struct Stream {
        var bytes: [UInt8]
        var hasTRNS: Bool
        /// Set when a chunk claims more bytes than the file has left: the file is truncated.
        var overrun: String? = nil
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
        var overrun: String?
        var at = 8
        while at < file.count {
            guard file.count - at >= 12 else { break }
            let length = Int(file[at]) << 24 | Int(file[at + 1]) << 16 | Int(file[at + 2]) << 8 | Int(file[at + 3])
            let type = String(decoding: file[(at + 4)..<(at + 8)], as: UTF8.self)
            guard length <= file.count - at - 12 else {
                overrun = "chunk \(type.debugDescription) at byte \(at) claims \(length) bytes, but the file ends \(file.count - at - 12) bytes later"
                break
            }
            let end = at + 12 + length
            if type == "tRNS" { hasTRNS = true }
            if !colorManagement.contains(type) { out.append(contentsOf: file[at..<end]) }
            at = end
            if type == "IEND" { break }
        }
        if at < file.count { out.append(contentsOf: file[at...]) }
        return Stream(bytes: out, hasTRNS: hasTRNS, overrun: overrun)
    }
}
