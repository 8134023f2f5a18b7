// Damaged model files through the real binary: sgs ends with an error that names the file
// and the field, never with a signal (these used to segfault or trap in the allocator).
import Foundation
import XCTest

final class DamagedModelFileTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    /// Trains a tiny model with sgs itself and returns the file's header text and data.
    private func trainedModel() throws -> (header: String, data: Data) {
        let train = try runSGS(["--threads", "1", "-q", "-c", """
            set channels 4
            set maxchannels 4
            set iters 1
            pyramid (synth landscape size 32x24) min 16 max 32
            train
            save model "good.sgm"
            """], in: folder, timeout: 60)
        XCTAssertEqual(train.status, 0, train.errors)
        let bytes = try Data(contentsOf: folder.url.appendingPathComponent("good.sgm"))
        let length = Int(bytes.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        return (String(decoding: bytes[8..<(8 + length)], as: UTF8.self), bytes.suffix(from: 8 + length))
    }

    /// Writes a model file with `header` (re-padded, its length re-encoded) and `data`.
    private func write(_ name: String, header: String, data: Data) throws {
        var text = Array(header.trimmingCharacters(in: .whitespaces).utf8)
        text += [UInt8](repeating: 0x20, count: (8 - text.count % 8) % 8)
        var file = Data()
        withUnsafeBytes(of: UInt64(text.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: text)
        file.append(data)
        try file.write(to: folder.url.appendingPathComponent(name))
    }

    private func assertRefused(_ name: String, mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try runSGS(["-c", "load model \"\(name)\""], in: folder, timeout: 30)
        XCTAssertTrue([65, 70, 74].contains(outcome.status), "exit \(outcome.status): \(outcome.errors)", file: file, line: line)
        XCTAssertTrue(outcome.errors.contains(name), outcome.errors, file: file, line: line)
        for text in mentions {
            XCTAssertTrue(outcome.errors.contains(text), "\(outcome.errors) should mention \(text)", file: file, line: line)
        }
    }

    func testDamagedMetadataIsAnErrorNotASignal() throws {
        let (header, data) = try trainedModel()
        let channels = try XCTUnwrap(header.range(of: #""channels":"[0-9]+"#, options: .regularExpression))
        try write("negative.sgm", header: header.replacingCharacters(in: channels, with: #""channels":"-4"#), data: data)
        try assertRefused("negative.sgm", mentions: ["\"channels\"", "-4"])
        try write("huge.sgm", header: header.replacingCharacters(in: channels, with: #""channels":"999999999999"#), data: data)
        try assertRefused("huge.sgm", mentions: ["\"channels\"", "999999999999"])

        // The settings are JSON inside a metadata string, so their quotes are escaped.
        let layers = try XCTUnwrap(header.range(of: #"\"layers\":5"#))
        try write("layers.sgm", header: header.replacingCharacters(in: layers, with: #"\"layers\":0"#), data: data)
        try assertRefused("layers.sgm", mentions: ["\"settings\"", "layers is 0"])

        // A NaN weight (the float bits 0x7fc00000) in the last tensor's data.
        var nan = data
        nan.replaceSubrange((nan.count - 4)..<nan.count, with: [0x00, 0x00, 0xC0, 0x7F])
        try write("nan.sgm", header: header, data: nan)
        try assertRefused("nan.sgm", mentions: ["NaN or infinite"])

        // The good file still loads.
        try write("again.sgm", header: header, data: data)
        let good = try runSGS(["-c", "load model \"again.sgm\""], in: folder, timeout: 30)
        XCTAssertEqual(good.status, 0, good.errors)
    }
}
