// Fuzz target: the GIF writer's input validation and encoder (encodeGIF, in memory).
// The input bytes choose the frames (count, sizes, possibly differing), fps, loop count,
// dithering, and every pixel value as raw float bits (NaN, infinities, out of range).
// Any choice must end in GIF bytes or an ImagingError.
import Imaging

/// Reads the input as a stream of choices; past its end every read gives zeros.
struct Choices {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    mutating func byte() -> UInt8 {
        defer { at += 1 }
        return at < bytes.count ? bytes[at] : 0
    }
    mutating func word<T: FixedWidthInteger>(_: T.Type) -> T {
        (0..<T.bitWidth / 8).reduce(T.zero) { value, _ in value << 8 | T(byte()) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = Choices(bytes: UnsafeBufferPointer(start: data, count: size))
    let count = Int(input.byte() % 5)
    let flags = input.byte()
    var width = Int(input.byte() % 48), height = Int(input.byte() % 48)
    if flags & 4 != 0 { width = 65_530 + width % 12; height %= 2 }  // around the GIF limit
    let fps = Double(bitPattern: input.word(UInt64.self))
    let loop = Int(truncatingIfNeeded: input.word(UInt64.self))
    var frames: [Image] = []
    for i in 0..<count {
        let w = flags & 1 != 0 && i == 1 ? width + 1 : width
        let pixels = (0..<(3 * w * height)).map { _ in Float(bitPattern: input.word(UInt32.self)) }
        frames.append(Image(width: w, height: height, pixels: pixels))
    }
    _ = try? encodeGIF(frames, fps: fps, loopCount: loop, dithering: flags & 2 != 0 ? .ordered : .none)
    return 0
}
