// Drawing on images, for plots and labelled contact sheets: pixels, lines, rectangles and
// text in the built-in bitmap font. Colours are RGB in [-1, 1], like the pixels; anything
// drawn outside the image is clipped.

public typealias Color = (r: Float, g: Float, b: Float)

public enum Colors {
    public static let white: Color = (1, 1, 1)
    public static let black: Color = (-1, -1, -1)
    public static let gray: Color = (0.2, 0.2, 0.2)
    public static let lightGray: Color = (0.8, 0.8, 0.8)
    public static let blue: Color = (-0.8, -0.4, 0.7)
    public static let red: Color = (0.7, -0.7, -0.7)
    public static let green: Color = (-0.7, 0.2, -0.6)
    public static let yellow: Color = (1, 0.85, -0.8)
}

extension Image {
    /// Sets one pixel; outside the image nothing happens.
    public mutating func set(x: Int, y: Int, _ color: Color) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let plane = planeSize, i = y * width + x
        pixels[i] = color.r
        pixels[plane + i] = color.g
        pixels[2 * plane + i] = color.b
    }

    /// A straight line from (x0, y0) to (x1, y1), both ends included (Bresenham).
    public mutating func drawLine(from x0: Int, _ y0: Int, to x1: Int, _ y1: Int, _ color: Color) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, color)
            if x == x1 && y == y1 { return }
            let twice = 2 * error
            if twice >= dy { error += dy; x += sx }
            if twice <= dx { error += dx; y += sy }
        }
    }

    /// The outline of a rectangle, `thickness` pixels wide, inside the given bounds.
    public mutating func drawRectangle(x: Int, y: Int, width w: Int, height h: Int, _ color: Color, thickness: Int = 1) {
        guard w > 0, h > 0 else { return }
        for t in 0..<min(thickness, (min(w, h) + 1) / 2) {
            drawLine(from: x + t, y + t, to: x + w - 1 - t, y + t, color)
            drawLine(from: x + t, y + h - 1 - t, to: x + w - 1 - t, y + h - 1 - t, color)
            drawLine(from: x + t, y + t, to: x + t, y + h - 1 - t, color)
            drawLine(from: x + w - 1 - t, y + t, to: x + w - 1 - t, y + h - 1 - t, color)
        }
    }

    /// A filled rectangle.
    public mutating func fillRectangle(x: Int, y: Int, width w: Int, height h: Int, _ color: Color) {
        for yy in max(0, y)..<max(max(0, y), min(height, y + h)) {
            for xx in max(0, x)..<max(max(0, x), min(width, x + w)) { set(x: xx, y: yy, color) }
        }
    }

    /// Text with its top-left corner at (x, y), each font pixel drawn as `scale` x `scale`.
    public mutating func drawText(_ text: String, x: Int, y: Int, _ color: Color, scale: Int = 1) {
        var left = x
        for c in text {
            if let rows = BitmapFont.rows(c) {
                for (row, bits) in rows.enumerated() {
                    for (column, bit) in bits.enumerated() where bit == "#" {
                        fillRectangle(x: left + column * scale, y: y + row * scale, width: scale, height: scale, color)
                    }
                }
            }
            left += BitmapFont.advance * scale
        }
    }

    /// Text rotated a quarter turn counter-clockwise (read bottom to top), its bounding box's
    /// top-left corner at (x, y): for a vertical axis label.
    public mutating func drawVerticalText(_ text: String, x: Int, y: Int, _ color: Color, scale: Int = 1) {
        var bottom = y + textWidth(text, scale: scale) - 1
        for c in text {
            if let rows = BitmapFont.rows(c) {
                for (row, bits) in rows.enumerated() {
                    for (column, bit) in bits.enumerated() where bit == "#" {
                        fillRectangle(x: x + row * scale, y: bottom - (column + 1) * scale + 1, width: scale, height: scale, color)
                    }
                }
            }
            bottom -= BitmapFont.advance * scale
        }
    }
}

/// The width in pixels of `text` drawn at `scale` (without the trailing space).
public func textWidth(_ text: String, scale: Int = 1) -> Int {
    max(0, text.count * BitmapFont.advance - 1) * scale
}

/// The height in pixels of one line of text at `scale`.
public func textHeight(scale: Int = 1) -> Int { BitmapFont.glyphHeight * scale }
