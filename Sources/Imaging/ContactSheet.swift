// A contact sheet: several images of any sizes laid out in a grid, for looking at a batch of
// samples (or a pyramid) in one file.

/// Lays `images` out row by row, `columns` per row (default: the smallest count that makes
/// the grid about square), each centred in its cell. Column widths and row heights fit their
/// largest image; `gap` pixels of `background` (default a dark gray) separate cells and
/// frame the sheet.
public func contactSheet(_ images: [Image], columns: Int? = nil, gap: Int = 4,
                         background: Float = -0.5) -> Image {
    guard !images.isEmpty else { return Image(width: 0, height: 0) }
    let count = images.count
    var perRow = columns ?? 0
    if perRow < 1 {
        perRow = 1
        while perRow * perRow < count { perRow += 1 }
    }
    perRow = min(perRow, count)
    let rows = (count + perRow - 1) / perRow
    let gap = max(0, gap)
    var columnWidth = [Int](repeating: 0, count: perRow), rowHeight = [Int](repeating: 0, count: rows)
    for (n, image) in images.enumerated() {
        columnWidth[n % perRow] = max(columnWidth[n % perRow], image.width)
        rowHeight[n / perRow] = max(rowHeight[n / perRow], image.height)
    }
    let width = columnWidth.reduce(gap) { $0 + $1 + gap }
    let height = rowHeight.reduce(gap) { $0 + $1 + gap }
    var sheet = Image(width: width, height: height, fill: background)
    var top = gap
    for row in 0..<rows {
        var left = gap
        for column in 0..<perRow {
            let n = row * perRow + column
            if n < count {
                let image = images[n]
                sheet = paste(image, onto: sheet, x: left + (columnWidth[column] - image.width) / 2,
                              y: top + (rowHeight[row] - image.height) / 2)
            }
            left += columnWidth[column] + gap
        }
        top += rowHeight[row] + gap
    }
    return sheet
}
