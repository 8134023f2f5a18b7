// Line plots drawn into an Image: stacked panels sharing an x axis, each with its own y
// axis, ticks at round numbers, labels in the bitmap font, a legend, and optional labelled
// dividers (where one training scale ends and the next begins).
import Foundation

public struct PlotSeries {
    public var name: String
    public var values: [Float]
    public var color: Color

    public init(_ name: String, _ values: [Float], _ color: Color) {
        self.name = name; self.values = values; self.color = color
    }
}

public struct PlotPanel {
    public var title: String
    public var series: [PlotSeries]
    /// A logarithmic y axis (values <= 0 leave gaps): for losses that fall by decades.
    public var logarithmic: Bool

    public init(_ title: String, _ series: [PlotSeries], logarithmic: Bool = false) {
        self.title = title; self.series = series; self.logarithmic = logarithmic
    }

    /// The panel as drawn: on a log axis, every value is its log10.
    var plotted: PlotPanel {
        guard logarithmic else { return self }
        let logs = series.map { PlotSeries($0.name, $0.values.map { $0 > 0 ? log10($0) : .nan }, $0.color) }
        return PlotPanel(title, logs, logarithmic: true)
    }
}

/// A vertical divider before point `index`, labelled at the top of each panel.
public struct PlotDivider {
    public var index: Int
    public var label: String

    public init(at index: Int, _ label: String) { self.index = index; self.label = label }
}

enum PlotLayout {
    static let text = 2, left = 96, right = 24, top = 36, gap = 64, bottom = 64
}

/// Draws `panels` one above the other, `width` x (`panelHeight` per panel + axes) pixels,
/// white background. Non-finite values leave a gap in their line.
public func linePlot(_ panels: [PlotPanel], xLabel: String, dividers: [PlotDivider] = [],
                     width: Int = 800, panelHeight: Int = 240) -> Image {
    let L = PlotLayout.self
    let height = L.top + panels.count * panelHeight + max(0, panels.count - 1) * L.gap + L.bottom
    var image = Image(width: width, height: height, color: Colors.white)
    let points = panels.flatMap { $0.series.map(\.values.count) }.max() ?? 0
    let xTicks = niceTicks(low: 0, high: Double(max(1, points - 1)), count: 8)
    for (n, panel) in panels.map(\.plotted).enumerated() {
        let frame = PlotFrame(x: L.left, y: L.top + n * (panelHeight + L.gap), width: width - L.left - L.right,
                              height: panelHeight, points: points, range: yRange(panel))
        image.drawPanel(panel, in: frame, xTicks: xTicks, dividers: dividers)
    }
    let labelY = height - L.bottom + 12 + textHeight(scale: L.text) + 8
    image.drawText(xLabel, x: L.left + (width - L.left - L.right - textWidth(xLabel, scale: L.text)) / 2, y: labelY,
                   Colors.black, scale: L.text)
    return image
}

/// Where one panel's data goes, and the value range its y axis spans.
struct PlotFrame {
    var x, y, width, height, points: Int
    var range: (low: Double, high: Double)

    func px(_ index: Int) -> Int { x + Int((Double(index) / Double(max(1, points - 1)) * Double(width - 1)).rounded()) }
    func py(_ value: Double) -> Int {
        let unit = (value - range.low) / (range.high - range.low)
        return y + height - 1 - Int((unit * Double(height - 1)).rounded())
    }
}

extension Image {
    mutating func drawPanel(_ panel: PlotPanel, in frame: PlotFrame, xTicks: [Double], dividers: [PlotDivider]) {
        let s = PlotLayout.text
        for (tick, label) in yTicks(frame.range, logarithmic: panel.logarithmic) {
            let y = frame.py(tick)
            drawLine(from: frame.x, y, to: frame.x + frame.width - 1, y, Colors.lightGray)
            drawText(label, x: frame.x - 8 - textWidth(label, scale: s), y: y - textHeight(scale: s) / 2, Colors.black, scale: s)
        }
        for tick in xTicks {
            let x = frame.px(Int(tick))
            drawLine(from: x, frame.y + frame.height, to: x, frame.y + frame.height + 5, Colors.black)
            let label = tickLabel(tick, step: 1)
            drawText(label, x: x - textWidth(label, scale: s) / 2, y: frame.y + frame.height + 10, Colors.black, scale: s)
        }
        for divider in dividers where divider.index > 0 {
            let x = frame.px(divider.index)
            drawLine(from: x, frame.y, to: x, frame.y + frame.height - 1, Colors.gray)
        }
        for divider in dividers {
            drawText(divider.label, x: frame.px(divider.index) + 4, y: frame.y + 4, Colors.gray, scale: s)
        }
        for series in panel.series { drawSeries(series.values, series.color, in: frame) }
        drawRectangle(x: frame.x - 1, y: frame.y - 1, width: frame.width + 2, height: frame.height + 2, Colors.black)
        drawLegend(panel, in: frame)
    }

    mutating func drawSeries(_ values: [Float], _ color: Color, in frame: PlotFrame) {
        var previous: (Int, Int)?
        for (i, value) in values.enumerated() {
            guard value.isFinite else { previous = nil; continue }
            let point = (frame.px(i), frame.py(Double(value)))
            if let (x0, y0) = previous { drawLine(from: x0, y0, to: point.0, point.1, color) } else { set(x: point.0, y: point.1, color) }
            previous = point
        }
    }

    /// The panel's title, then each series' colour and name, above the panel.
    mutating func drawLegend(_ panel: PlotPanel, in frame: PlotFrame) {
        let s = PlotLayout.text, y = frame.y - textHeight(scale: s) - 6
        drawText(panel.title, x: frame.x, y: y, Colors.black, scale: s)
        var x = frame.x + textWidth(panel.title, scale: s) + 24
        for series in panel.series {
            fillRectangle(x: x, y: y + textHeight(scale: s) / 2 - 2, width: 20, height: 4, series.color)
            drawText(series.name, x: x + 26, y: y, Colors.black, scale: s)
            x += 26 + textWidth(series.name, scale: s) + 24
        }
    }
}

/// The finite values' range, widened a little (and made non-empty) so lines clear the frame.
func yRange(_ panel: PlotPanel) -> (low: Double, high: Double) {
    let values = panel.series.flatMap(\.values).filter(\.isFinite).map(Double.init)
    guard var low = values.min(), var high = values.max() else { return (0, 1) }
    if high - low < 1e-12 { low -= 0.5; high += 0.5 }
    let pad = (high - low) * 0.05
    return (low - pad, high + pad)
}

/// The y ticks and their labels: round numbers, or on a log axis the powers of ten (with 2
/// and 5 times them when the range spans less than two decades).
func yTicks(_ range: (low: Double, high: Double), logarithmic: Bool) -> [(Double, String)] {
    guard logarithmic else {
        let step = tickStep(low: range.low, high: range.high, count: 5)
        return niceTicks(low: range.low, high: range.high, count: 5).map { ($0, tickLabel($0, step: step)) }
    }
    let decades = Int(floor(range.low))...Int(ceil(range.high))
    let factors: [Double] = range.high - range.low < 2 ? [1, 2, 5] : [1]
    return decades.flatMap { power in factors.map { log10($0) + Double(power) } }
        .filter { $0 >= range.low && $0 <= range.high }
        .map { ($0, tickLabel(pow(10, $0), step: pow(10, floor($0 + 1e-9)))) }
}

/// A step of 1, 2 or 5 times a power of ten giving about `count` ticks over the range.
func tickStep(low: Double, high: Double, count: Int) -> Double {
    let raw = max(1e-12, (high - low) / Double(max(1, count)))
    let power = pow(10, floor(log10(raw)))
    let fraction = raw / power
    return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10)
}

/// Multiples of the nice step inside [low, high].
func niceTicks(low: Double, high: Double, count: Int) -> [Double] {
    let step = tickStep(low: low, high: high, count: count)
    var tick = ceil(low / step) * step, ticks: [Double] = []
    while tick <= high + step * 1e-9 && ticks.count < 50 {
        ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
        tick += step
    }
    return ticks
}

/// A tick's label with as many decimals as the step needs: "0.05", "-1", "2000".
func tickLabel(_ value: Double, step: Double) -> String {
    let decimals = max(0, Int(-floor(log10(step))))
    return String(format: "%.\(min(decimals, 6))f", value)
}
