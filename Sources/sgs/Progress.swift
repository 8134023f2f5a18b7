// Progress of long work (training). On a terminal: one line per scale redrawn in
// place, ending with a newline when the scale is done. Elsewhere (a log, a pipe): a
// plain line every few seconds and at the end of each scale, never a `\r`.
import Glibc
import Foundation

final class ProgressDisplay {
    private let descriptor: Int32
    private let redraws: Bool
    /// Seconds between plain lines when not redrawing.
    private let interval: Double
    private var shownScale: Int?
    private var shownAt = -Double.infinity
    /// A redrawn line is on screen without its newline yet.
    private var lineOpen = false

    init(descriptor: Int32 = STDERR_FILENO, redraws: Bool? = nil, interval: Double = 5) {
        self.descriptor = descriptor
        self.redraws = redraws ?? (Terminal.isTerminal(descriptor) && Terminal.environment("TERM") != "dumb")
        self.interval = interval
    }

    /// One training iteration finished: `iteration` of `iterations` (1-based) at scale
    /// `scale`, which counts down from `coarsest` to 0; `seconds` since the scale started.
    func update(scale: Int, iteration: Int, iterations: Int, lossD: Float, lossG: Float, lossRec: Float,
                seconds: Double, coarsest: Int, runLeft: Double? = nil) {
        let newScale = scale != shownScale
        let done = iteration >= iterations
        if newScale { shownScale = scale; shownAt = -Double.infinity }
        let text = ProgressDisplay.line(scale: scale, iteration: iteration, iterations: iterations,
                                        lossD: lossD, lossG: lossG, lossRec: lossRec,
                                        seconds: seconds, coarsest: coarsest, runLeft: runLeft)
        if redraws {
            // At most twenty redraws a second: a terminal is slower than a small scale.
            guard done || newScale || seconds - shownAt >= 0.05 else { return }
            if newScale && lineOpen { Terminal.emit("\n", to: descriptor) }
            Terminal.emit("\r" + text + "\u{1B}[K" + (done ? "\n" : ""), to: descriptor)
            lineOpen = !done
        } else {
            guard done || newScale || seconds - shownAt >= interval else { return }
            Terminal.emit(text + "\n", to: descriptor)
        }
        shownAt = seconds
    }

    /// Training stopped early (Ctrl-C, an error): end the open line so the next
    /// message starts on its own.
    func finish() {
        if lineOpen { Terminal.emit("\n", to: descriptor) }
        lineOpen = false
        shownScale = nil
    }

    /// `scale 5 (4/9) [####......] 812/2000  D 0.12 G -0.3 rec 0.05  12.3 it/s  ETA 1m10s`:
    /// the scale's index as the language names it, then its place in the coarse-to-fine order.
    static func line(scale: Int, iteration: Int, iterations: Int, lossD: Float, lossG: Float, lossRec: Float,
                     seconds: Double, coarsest: Int, runLeft: Double? = nil) -> String {
        let total = max(iterations, 1)
        let fraction = Double(min(max(iteration, 0), total)) / Double(total)
        let rate = seconds > 0 ? Double(iteration) / seconds : 0
        let remaining = rate > 0 ? Double(max(total - iteration, 0)) / rate : nil
        var text = "scale \(scale) (\(coarsest - scale + 1)/\(coarsest + 1)) \(bar(fraction)) \(iteration)/\(iterations)"
        text += "  D \(number(lossD)) G \(number(lossG)) rec \(number(lossRec))"
        text += "  " + String(format: "%.1f", rate) + " it/s"
        if iteration >= iterations {
            text += "  " + duration(seconds)
        } else if let remaining {
            text += "  ETA " + duration(remaining)
            // The whole run's time left, when this scale is not the last of it.
            if let runLeft, runLeft > remaining + 1 { text += " (run " + duration(runLeft) + ")" }
        }
        return text
    }

    static func bar(_ fraction: Double, width: Int = 10) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        let clamped = min(max(filled, 0), width)
        return "[" + String(repeating: "#", count: clamped) + String(repeating: ".", count: width - clamped) + "]"
    }

    /// `45s`, `1m10s`, `2h05m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + String(format: "%02d", whole % 60) + "s" }
        return "\(whole / 3600)h" + String(format: "%02d", whole % 3600 / 60) + "m"
    }

    /// Three significant digits, as losses are read.
    static func number(_ value: Float) -> String {
        guard value.isFinite else { return "\(value)" }
        return String(format: "%.3g", Double(value))
    }
}
