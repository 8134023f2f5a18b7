// Drawing for plots and sheets: the font puts ink where its glyphs say, lines and
// rectangles land on the right pixels, a plot draws each series in its colour inside its
// panel, and a labelled sheet magnifies cells and outlines the square asked for.
import Imaging
import XCTest

final class PlotTests: XCTestCase {
    func isColor(_ image: Image, _ x: Int, _ y: Int, _ color: Color) -> Bool {
        let (r, g, b) = image.rgb(x: x, y: y)
        return r == color.r && g == color.g && b == color.b
    }

    func inkCount(_ image: Image, _ color: Color) -> Int {
        var count = 0
        for y in 0..<image.height { for x in 0..<image.width where isColor(image, x, y, color) { count += 1 } }
        return count
    }

    func testTextFollowsTheGlyphs() {
        var image = Image(width: 20, height: 10, color: Colors.white)
        image.drawText("1", x: 0, y: 0, Colors.black)
        // "1": ..#.. / .##.. / ..#.. ... / .###.
        XCTAssertTrue(isColor(image, 2, 0, Colors.black))
        XCTAssertFalse(isColor(image, 0, 0, Colors.black))
        XCTAssertTrue(isColor(image, 1, 1, Colors.black))
        XCTAssertTrue(isColor(image, 1, 6, Colors.black) && isColor(image, 3, 6, Colors.black))
        XCTAssertEqual(inkCount(image, Colors.black), 10)
        var big = Image(width: 40, height: 20, color: Colors.white)
        big.drawText("1", x: 0, y: 0, Colors.black, scale: 2)
        XCTAssertEqual(inkCount(big, Colors.black), 40, "every font pixel becomes 2x2")
        XCTAssertEqual(textWidth("ab", scale: 2), 22)
        var lower = Image(width: 20, height: 10, color: Colors.white), upper = lower
        lower.drawText("x", x: 0, y: 0, Colors.black)
        upper.drawText("X", x: 0, y: 0, Colors.black)
        XCTAssertEqual(lower, upper, "lower case is drawn as capitals")
    }

    func testLinesAndRectanglesClipAtTheEdges() {
        var image = Image(width: 10, height: 10, color: Colors.white)
        image.drawLine(from: 0, 0, to: 9, 9, Colors.red)
        XCTAssertEqual(inkCount(image, Colors.red), 10)
        XCTAssertTrue((0..<10).allSatisfy { isColor(image, $0, $0, Colors.red) })
        image.drawLine(from: -5, 2, to: 20, 2, Colors.blue)
        XCTAssertTrue((0..<10).allSatisfy { isColor(image, $0, 2, Colors.blue) })
        var frame = Image(width: 10, height: 10, color: Colors.white)
        frame.drawRectangle(x: 2, y: 2, width: 5, height: 4, Colors.black)
        XCTAssertEqual(inkCount(frame, Colors.black), 2 * 5 + 2 * 2)
    }

    func testPlotDrawsEachSeriesInsideItsPanel() {
        let rising = (0..<100).map { Float($0) }, falling = (0..<100).map { Float(100 - $0) }
        let plot = linePlot([PlotPanel("A", [PlotSeries("UP", rising, Colors.red), PlotSeries("DOWN", falling, Colors.blue)]),
                             PlotPanel("B", [PlotSeries("FLAT", [Float](repeating: 2, count: 100), Colors.green)])],
                            xLabel: "ITERATION", dividers: [PlotDivider(at: 0, "1"), PlotDivider(at: 50, "0")],
                            width: 400, panelHeight: 120)
        XCTAssertEqual(plot.width, 400)
        XCTAssertGreaterThan(inkCount(plot, Colors.red), 250, "a line across the panel")
        XCTAssertGreaterThan(inkCount(plot, Colors.blue), 250)
        XCTAssertGreaterThan(inkCount(plot, Colors.green), 250)
        // The rising line starts low and ends high: its leftmost ink is below its rightmost.
        var red: [(x: Int, y: Int)] = []
        for y in 0..<plot.height { for x in 0..<plot.width where isColor(plot, x, y, Colors.red) { red.append((x, y)) } }
        let inside = red.filter { (36..<156).contains($0.y) }  // the first panel, below its legend
        let left = inside.filter { $0.x < 150 }, right = inside.filter { $0.x > 350 }
        XCTAssertFalse(left.isEmpty || right.isEmpty)
        XCTAssertGreaterThan(left.map(\.y).min() ?? 0, right.map(\.y).max() ?? 0)
        // The green line is flat: one row only (legend swatch aside, which is above the panel).
        let greenRows = Set((0..<plot.height).filter { y in (100..<376).contains { isColor(plot, $0, y, Colors.green) } })
        XCTAssertLessThanOrEqual(greenRows.count, 5, "\(greenRows.sorted())")
    }

    func testNonFiniteValuesLeaveGapsNotCrashes() {
        let values: [Float] = [1, .nan, 3, .infinity, 2]
        let plot = linePlot([PlotPanel("X", [PlotSeries("V", values, Colors.red)])], xLabel: "I", width: 200, panelHeight: 80)
        XCTAssertGreaterThan(inkCount(plot, Colors.red), 0)
        _ = linePlot([PlotPanel("EMPTY", [PlotSeries("V", [], Colors.red)])], xLabel: "I", width: 200, panelHeight: 80)
    }

    func testSheetMagnifiesAndOutlinesTheSquare() {
        let small = Image(width: 10, height: 8, color: Colors.black)
        let sheet = labelledSheet([SheetCell(small, caption: ["SCALE 1"], square: 4),
                                   SheetCell(Image(width: 20, height: 16, color: Colors.black), caption: ["SCALE 0"], square: 4)],
                                  columns: 2, cellHeight: 32, title: "T")
        // Both cells are 32 tall: the first 4x magnified, the second 2x, so the 4-pixel square
        // is 16 and 8 pixels on the sheet, outlined 2 thick: 16^2 - 12^2 + 8^2 - 4^2 pixels.
        XCTAssertEqual(inkCount(sheet, Colors.yellow), 112 + 48)
        XCTAssertGreaterThanOrEqual(sheet.width, 16 + 40 + 16 + 40 + 16)
        let magnified4 = magnified(small, factor: 4)
        XCTAssertEqual(magnified4.width, 40)
        XCTAssertEqual(magnified4.height, 32)
    }

    func testLogarithmicPanelTurnsExponentialDecayIntoAStraightLine() {
        // 1 down to 0.001 over 101 points: a straight line on a log axis, so the middle point
        // (0.0316) sits halfway between the ends; zeros and negatives leave gaps.
        let values = (0...100).map { Float(pow(10, -3 * Double($0) / 100)) } + [0, -1]
        let plot = linePlot([PlotPanel("REC", [PlotSeries("R", values, Colors.green)], logarithmic: true)],
                            xLabel: "I", width: 400, panelHeight: 200)
        func rows(at x: Int) -> [Int] { (36..<236).filter { isColor(plot, x, $0, Colors.green) } }
        let first = rows(at: 96), last = rows(at: 96 + (280 - 1) * 100 / 102)
        let middle = rows(at: 96 + (280 - 1) * 50 / 102)
        XCTAssertFalse(first.isEmpty || last.isEmpty || middle.isEmpty)
        let expected = (Double(first.min()!) + Double(last.max()!)) / 2
        XCTAssertLessThan(abs(Double(middle.min()!) - expected), 4, "\(first) \(middle) \(last)")
    }
}
