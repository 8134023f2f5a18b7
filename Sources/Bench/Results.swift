import Foundation

/// The benchmark's results: an ordered list of named figures, printed as a table or as
/// one JSON object. A figure is nil when its section has not been written yet.
struct BenchResults {
    struct Entry {
        let key: String
        let value: Double?
        let label: String
        let unit: String
    }

    var entries: [Entry] = []

    mutating func add(_ key: String, _ value: Double?, label: String, unit: String = "") {
        entries.append(Entry(key: key, value: value, label: label, unit: unit))
    }

    subscript(key: String) -> Double? {
        entries.first { $0.key == key }?.value ?? nil
    }

    func table() -> String {
        let width = entries.map(\.label.count).max() ?? 0
        let lines = entries.map { e -> String in
            let label = e.label.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let v = e.value else { return "\(label)   -" }
            return "\(label)   \(format(v)) \(e.unit)"
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let fields = entries.map { e -> String in
            let v = e.value.map { $0.isFinite ? format($0) : "null" } ?? "null"
            return "\"\(e.key)\": \(v)"
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func format(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
        let magnitude = abs(v)
        if magnitude > 0 && magnitude < 0.01 { return String(format: "%.2e", v) }
        let digits = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 4
        return String(format: "%.\(digits)f", v)
    }
}
