// GIF's variable-length LZW (GIF89a spec, appendix F), packed least-significant bit first.
//
// Code widths follow the decoders: after the table gains the entry numbered 2^width, the next
// code is one bit wider (up to 12). When the table is full (4096 entries) a clear code is sent
// and it starts over, which every decoder handles and keeps the encoder simple.

/// Compresses palette indices (each < 2^minimumCodeSize) into GIF LZW bytes, before they are
/// cut into sub-blocks.
public func gifLZWCompress(_ indices: [UInt8], minimumCodeSize: Int = 8) -> [UInt8] {
    let rootBits = min(8, max(2, minimumCodeSize))
    let clear = 1 << rootBits, endOfInformation = clear + 1
    var writer = BitWriter()
    var width = rootBits + 1
    var next = clear + 2
    // table[prefix << 8 | byte] = generation << 12 | code; stale generations count as empty,
    // so a clear costs nothing instead of wiping 4 MB.
    var table = [UInt32](repeating: 0, count: 4096 << 8)
    var generation: UInt32 = 1

    func emit(_ code: Int) {
        if next > (1 << width) && width < 12 { width += 1 }
        writer.write(code, bits: width)
    }

    emit(clear)
    guard var prefix = indices.first.map(Int.init) else {
        emit(endOfInformation)
        return writer.finish()
    }
    table.withUnsafeMutableBufferPointer { table in
        for byte in indices.dropFirst() {
            let key = prefix << 8 | Int(byte)
            let entry = table[key]
            if entry >> 12 == generation {
                prefix = Int(entry & 0xFFF)
                continue
            }
            emit(prefix)
            table[key] = generation << 12 | UInt32(next)
            next += 1
            prefix = Int(byte)
            if next == 4096 {
                emit(clear)
                width = rootBits + 1
                next = clear + 2
                generation += 1
            }
        }
    }
    emit(prefix)
    // The decoder adds an entry on every code after the first, including this last one, so
    // it may widen before reading the end code: count that entry too.
    if next < 4096 { next += 1 }
    emit(endOfInformation)
    return writer.finish()
}

/// Packs codes of varying width, least significant bit first.
private struct BitWriter {
    var bytes: [UInt8] = []
    var buffer = 0, count = 0

    mutating func write(_ code: Int, bits: Int) {
        buffer |= code << count
        count += bits
        while count >= 8 {
            bytes.append(UInt8(buffer & 255))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(buffer & 255)) }
        buffer = 0
        count = 0
        return bytes
    }
}
