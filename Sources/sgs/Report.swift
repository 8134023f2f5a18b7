// `sgs report DIR`: one row per job of a batch: status, time, score (the last `score`
// line in its log), the model's settings (from the .sgm in its folder), and a contact
// sheet of one sample per job (the first sample*.png in its folder).
import Foundation
import Imaging
import SinGAN

struct ReportRow {
    var job: String
    var input: String
    var status: String
    var attempts: Int
    var seconds: Double?
    var score: Score?
    var model: String?
    var trainedScales: String?
    var seed: UInt64?
    /// Every model setting by name (docs/model-format.md), as JSON values.
    var settings: [String: Any] = [:]
    var sample: String?

    struct Score {
        var swd: Double
        var diversity: Double
        var reconstructionRMSE: Double?
    }
}

enum Report {
    static func rows(_ plan: BatchPlan, in folder: String) -> [ReportRow] {
        BatchStatus.rows(plan, in: folder).map { batchRow in
            let jobFolder = folder + "/" + batchRow.name
            var row = ReportRow(job: batchRow.name, input: batchRow.input, status: batchRow.status,
                                attempts: batchRow.record?.attempts ?? 0, seconds: batchRow.record?.totalSeconds)
            row.score = lastScore(inLog: jobFolder + "/log.txt")
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: jobFolder)) ?? []).sorted()
            if let model = files.first(where: { $0.hasSuffix(".sgm") }) { readModel(jobFolder + "/" + model, into: &row) }
            row.sample = files.first { $0.hasPrefix("sample") && $0.hasSuffix(".png") }.map { jobFolder + "/" + $0 }
            return row
        }
    }

    /// The last `SWD X (levels ...), diversity Y, reconstruction RMSE Z, N samples` line.
    static func lastScore(inLog path: String) -> ReportRow.Score? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last { $0.hasPrefix("SWD ") }
        guard let line else { return nil }
        func number(after label: String) -> Double? {
            guard let range = line.range(of: label) else { return nil }
            return Double(line[range.upperBound...].prefix { !" ,(".contains($0) })
        }
        guard let swd = number(after: "SWD "), let diversity = number(after: "diversity ") else { return nil }
        return ReportRow.Score(swd: swd, diversity: diversity, reconstructionRMSE: number(after: "reconstruction RMSE "))
    }

    /// Settings and trained scales from the model file's metadata (an unreadable file is
    /// left out: the log says why).
    private static func readModel(_ path: String, into row: inout ReportRow) {
        guard let file = try? SafeTensorsFile.read(from: path) else { return }
        row.model = path
        row.seed = try? file.metadataUInt64("seed")
        if let trained = try? file.metadataInts("trained_scales"), let sizes = try? file.metadataInts("scale_sizes") {
            row.trainedScales = "\(trained.count)/\(sizes.count / 2)"
        }
        if let text = file.metadata["settings"],
           let settings = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            row.settings = settings
        }
    }

    /// One sample per job that has one, in the table's order.
    static func contactSheet(_ rows: [ReportRow], to path: String) throws -> [String] {
        var images: [Image] = [], names: [String] = []
        for row in rows {
            guard let sample = row.sample, let loaded = try? readPNG(sample) else { continue }
            images.append(loaded.image)
            names.append(row.job)
        }
        guard !images.isEmpty else { return [] }
        try writePNG(Imaging.contactSheet(images), to: path)
        return names
    }
}
