// The report as a text table (for people), CSV (for spreadsheets) and JSON (for programs).
// Text and CSV show the settings that differ between runs or matter most; JSON has all.
import Foundation

enum ReportFormat: String {
    case text, csv, json
}

extension Report {
    static let settingColumns = ["iterations", "maxSize", "minSize", "channels", "maxChannels", "learningRateG"]

    static func render(_ rows: [ReportRow], as format: ReportFormat) throws -> String {
        switch format {
        case .text: return text(rows)
        case .csv: return csv(rows)
        case .json: return try json(rows)
        }
    }

    private static func cells(_ row: ReportRow) -> [String] {
        let seconds = row.seconds.map { String(format: "%.1f", $0) } ?? ""
        let swd = row.score.map { format($0.swd) } ?? ""
        let diversity = row.score.map { format($0.diversity) } ?? ""
        let rmse = row.score?.reconstructionRMSE.map(format) ?? ""
        let settings: [String] = settingColumns.map { row.settings[$0].map(settingText) ?? "" }
        let seed = row.seed.map { String($0) } ?? ""
        return [row.job, row.status, seconds, row.trainedScales ?? "", swd, diversity, rmse] + settings + [seed]
    }

    private static let header = ["job", "status", "seconds", "scales", "swd", "diversity", "rec_rmse"] + settingColumns + ["seed"]

    private static func text(_ rows: [ReportRow]) -> String {
        let table = [header] + rows.map(cells)
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { line in
            zip(line, widths).map { pad($0.isEmpty ? "-" : $0, $1 + 2) }.joined().trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    private static func csv(_ rows: [ReportRow]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        let lines = [header + ["input"]] + rows.map { cells($0) + [$0.input] }
        return lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func json(_ rows: [ReportRow]) throws -> String {
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = ["job": row.job, "input": row.input, "status": row.status, "attempts": row.attempts,
                                         "settings": row.settings]
            if let seconds = row.seconds { object["seconds"] = seconds }
            if let scales = row.trainedScales { object["trained_scales"] = scales }
            if let model = row.model { object["model"] = model }
            if let seed = row.seed { object["seed"] = seed }
            if let sample = row.sample { object["sample"] = sample }
            if let score = row.score {
                var s: [String: Any] = ["swd": score.swd, "diversity": score.diversity]
                if let rmse = score.reconstructionRMSE { s["reconstruction_rmse"] = rmse }
                object["score"] = s
            }
            return object
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func format(_ x: Double) -> String { String(format: "%.4g", x) }

    private static func settingText(_ value: Any) -> String {
        if let number = value as? NSNumber { return format(number.doubleValue) }
        return "\(value)"
    }
}
