// Contact sheets with words on them: each cell an image (optionally magnified so small
// coarse scales can be seen), a caption of a few lines under it, and optionally a square
// drawn centred on it (the receptive field of a scale, in that scale's pixels).

public struct SheetCell {
    public var image: Image
    public var caption: [String]
    /// The side, in the image's own pixels, of a square to outline at its centre.
    public var square: Int?

    public init(_ image: Image, caption: [String], square: Int? = nil) {
        self.image = image; self.caption = caption; self.square = square
    }
}

/// Cells in rows of `columns`, each magnified (nearest neighbour) to `cellHeight` pixels tall
/// when given, captions in the bitmap font underneath, an optional title on top; white
/// background.
public func labelledSheet(_ cells: [SheetCell], columns: Int, cellHeight: Int? = nil, title: String? = nil) -> Image {
    let text = 2, gap = 16, lineHeight = textHeight(scale: text) + 6
    let shown = cells.map { cell -> (image: Image, factor: Double, cell: SheetCell) in
        let factor = cellHeight.map { Double($0) / Double(max(1, cell.image.height)) } ?? 1
        return (factor == 1 ? cell.image : magnified(cell.image, factor: factor), factor, cell)
    }
    let perRow = max(1, min(columns, cells.count))
    let captionLines = cells.map(\.caption.count).max() ?? 0
    let columnWidth = (0..<perRow).map { column in
        stride(from: column, to: shown.count, by: perRow).map {
            max(shown[$0].image.width, shown[$0].cell.caption.map { textWidth($0, scale: text) }.max() ?? 0)
        }.max() ?? 0
    }
    let rows = (shown.count + perRow - 1) / perRow
    let rowHeight = (0..<rows).map { row in
        (row * perRow..<min(shown.count, (row + 1) * perRow)).map { shown[$0].image.height }.max() ?? 0
    }
    let titleHeight = title == nil ? 0 : lineHeight + 8
    let width = max(columnWidth.reduce(gap) { $0 + $1 + gap }, title.map { textWidth($0, scale: text) + 2 * gap } ?? 0)
    let height = rowHeight.reduce(gap + titleHeight) { $0 + $1 + captionLines * lineHeight + gap }
    var sheet = Image(width: width, height: height, color: Colors.white)
    if let title { sheet.drawText(title, x: gap, y: gap, Colors.black, scale: text) }
    var top = gap + titleHeight
    for row in 0..<rows {
        var left = gap
        for column in 0..<perRow where row * perRow + column < shown.count {
            let (image, factor, cell) = shown[row * perRow + column]
            sheet = paste(image, onto: sheet, x: left, y: top)
            if let side = cell.square {
                let w = Int((Double(side) * factor).rounded())
                sheet.drawRectangle(x: left + (image.width - w) / 2, y: top + (image.height - w) / 2, width: w, height: w,
                                    Colors.yellow, thickness: 2)
            }
            for (n, line) in cell.caption.enumerated() {
                sheet.drawText(line, x: left, y: top + rowHeight[row] + 6 + n * lineHeight, Colors.black, scale: text)
            }
            left += columnWidth[column] + gap
        }
        top += rowHeight[row] + captionLines * lineHeight + gap
    }
    return sheet
}

/// Nearest-neighbour magnification by `factor` (>= 1 keeps pixels crisp: a 25-pixel coarse
/// scale stays visibly 25 pixels).
public func magnified(_ image: Image, factor: Double) -> Image {
    let width = max(1, Int((Double(image.width) * factor).rounded()))
    let height = max(1, Int((Double(image.height) * factor).rounded()))
    var out = Image(width: width, height: height)
    for c in 0..<Image.channels {
        for y in 0..<height {
            let sy = min(image.height - 1, Int(Double(y) / factor))
            for x in 0..<width {
                out[c: c, x: x, y: y] = image[c: c, x: min(image.width - 1, Int(Double(x) / factor)), y: sy]
            }
        }
    }
    return out
}
