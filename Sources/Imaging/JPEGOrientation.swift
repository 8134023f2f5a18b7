// EXIF orientation: phones store a portrait photo as a landscape JPEG plus a tag saying
// how to turn it. Without honouring the tag a class's phone photos would train sideways.

enum JPEGOrientation {
    /// The EXIF orientation (1...8) in the file's APP1 segment; 1 when absent or unreadable.
    static func orientation(in bytes: [UInt8]) -> Int {
        var at = 2
        while at + 4 <= bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            if marker == 0xDA || marker == 0xD9 { break }  // image data: no more metadata
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { break }
            if marker == 0xE1, let value = exifOrientation(bytes, start: at + 4, end: at + 2 + length) { return value }
            at += 2 + length
        }
        return 1
    }

    /// Reads tag 0x0112 of IFD0 from an "Exif\0\0" + TIFF block in bytes[start..<end].
    private static func exifOrientation(_ bytes: [UInt8], start: Int, end: Int) -> Int? {
        guard end - start >= 14, Array(bytes[start..<start + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] else { return nil }
        let tiff = start + 6
        let little: Bool
        switch (bytes[tiff], bytes[tiff + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func read(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= tiff, offset + size <= end else { return nil }
            let slice = bytes[offset..<offset + size]
            return (little ? slice.reversed() : Array(slice)).reduce(0) { $0 << 8 | Int($1) }
        }
        guard let ifd = read(tiff + 4, 4), let count = read(tiff + ifd, 2) else { return nil }
        for entry in 0..<min(count, 512) {
            let field = tiff + ifd + 2 + entry * 12
            guard let tag = read(field, 2) else { return nil }
            if tag == 0x0112, let value = read(field + 8, 2), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// `image` turned upright for an EXIF orientation (2: mirrored, 3: 180, 6: 90 clockwise,
    /// 8: 90 counter-clockwise, 5 and 7: mirrored and turned).
    static func upright(_ image: Image, orientation: Int) -> Image {
        guard (2...8).contains(orientation) else { return image }
        let w = image.width, h = image.height, swaps = orientation >= 5
        var out = Image(width: swaps ? h : w, height: swaps ? w : h)
        for y in 0..<out.height {
            for x in 0..<out.width {
                let (sx, sy): (Int, Int)
                switch orientation {
                case 2: (sx, sy) = (w - 1 - x, y)
                case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                case 4: (sx, sy) = (x, h - 1 - y)
                case 5: (sx, sy) = (y, x)
                case 6: (sx, sy) = (y, h - 1 - x)
                case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                default: (sx, sy) = (w - 1 - y, x)
                }
                for c in 0..<Image.channels { out[c: c, x: x, y: y] = image[c: c, x: sx, y: sy] }
            }
        }
        return out
    }
}
