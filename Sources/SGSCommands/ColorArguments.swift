// Colours in the language: "#rrggbb" (or "#rgb") strings, or [R, G, B] lists of 0 to 255.
// `palette MAP` gives "#rrggbb" strings, so its items go straight back into `fill ... color C`.
import Imaging
import Script

/// "#rrggbb" for a colour in [-1, 1] RGB.
func hexColor(_ c: SIMD3<Float>) -> String {
    "#" + [c.x, c.y, c.z].map { value -> String in
        let hex = String(Image.toByte(value), radix: 16)
        return hex.count == 1 ? "0" + hex : hex
    }.joined()
}

/// The colour a value names, in [-1, 1] RGB; nil when it is not one.
func parseColor(_ value: Value) -> SIMD3<Float>? {
    switch value {
    case .string(let text):
        guard text.hasPrefix("#") else { return nil }
        var digits = String(text.dropFirst())
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let packed = UInt32(digits, radix: 16) else { return nil }
        return SIMD3<Float>(Image.fromByte(UInt8(packed >> 16 & 0xff)), Image.fromByte(UInt8(packed >> 8 & 0xff)),
                            Image.fromByte(UInt8(packed & 0xff)))
    case .list(let items):
        let bytes = items.compactMap { $0.number }.filter { $0 == $0.rounded() && (0...255).contains($0) }
        guard items.count == 3, bytes.count == 3 else { return nil }
        return SIMD3<Float>(bytes.map { Image.fromByte(UInt8($0)) })
    default:
        return nil
    }
}

extension Arguments {
    /// The colour argument `name`, or an error saying how colours are written.
    func color(_ name: String) throws -> SIMD3<Float> {
        guard let color = parseColor(self[name]) else {
            throw ScriptError(.runtime, "'\(name)' needs a colour like \"#3a7bd5\" or [58, 123, 213], got \(self[name])",
                              at: location(of: name))
        }
        return color
    }
}
