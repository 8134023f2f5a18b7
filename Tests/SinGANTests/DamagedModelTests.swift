import Foundation
import Tensor
import XCTest
@testable import SinGAN

/// A real model file (trained here, tiny), damaged one field at a time: each damage is
/// refused with the file and the field named, and none traps or allocates absurdly.
final class DamagedModelTests: XCTestCase {
    private static let folder = NSTemporaryDirectory() + "sgs-damaged-\(UUID().uuidString)"
    private static let original = folder + "/good.sgm"

    override class func setUp() {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let model = try! Model(image: testImage(), name: "stripes", settings: tinySettings(iterations: 1), seed: 3)
        var rng = RandomSource(seed: 3)
        _ = try! Trainer(model: model).train(using: &rng)
        try! model.save(to: original)
    }

    override class func tearDown() { try? FileManager.default.removeItem(atPath: folder) }

    /// Writes the original file with `damage` applied and expects loading to fail naming
    /// the file and every text in `mentions`.
    private func assertRefused(_ name: String, mentions: [String], file: StaticString = #filePath, line: UInt = #line,
                               _ damage: (inout SafeTensorsFile) throws -> Void) throws {
        var contents = try SafeTensorsFile.read(from: Self.original)
        try damage(&contents)
        let path = Self.folder + "/\(name).sgm"
        try contents.write(to: path)
        assertLoadFails(path, mentions: mentions, file: file, line: line)
    }

    private func assertLoadFails(_ path: String, mentions: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Model.load(from: path), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(error is ModelFileError, message, file: file, line: line)
            XCTAssertTrue(message.hasPrefix(path + ": "), message, file: file, line: line)
            for text in mentions {
                XCTAssertTrue(message.contains(text), "\(message) should mention \(text)", file: file, line: line)
            }
        }
    }

    private func editSettings(_ edit: @escaping (inout Settings) -> Void) -> (inout SafeTensorsFile) throws -> Void {
        return { file in
            var settings = try Model.settingsCoder.decoder.decode(Settings.self, from: Data(try file.metadataString("settings").utf8))
            edit(&settings)
            file.setMetadata("settings", String(decoding: try Model.settingsCoder.encode(settings), as: UTF8.self))
        }
    }

    func testTheUndamagedFileLoads() throws {
        XCTAssertEqual(try Model.load(from: Self.original).trainedCount, 3)
    }

    func testChannelsMetadataOutOfRange() throws {
        try assertRefused("negative", mentions: ["\"channels\"", "-8"]) { $0.setMetadata("channels", [8, 8, -8]) }
        try assertRefused("zero", mentions: ["\"channels\"", "0 for scale 1"]) { $0.setMetadata("channels", [8, 0, 8]) }
        try assertRefused("huge", mentions: ["\"channels\"", "1000000000"]) { $0.setMetadata("channels", [8, 8, 1_000_000_000]) }
        // In range, but the nets it describes would not fit in the file: refused before building them.
        try assertRefused("wide", mentions: ["\"channels\"", "4096", "the file holds only"]) { $0.setMetadata("channels", [4096, 8, 8]) }
        try assertRefused("count", mentions: ["\"channels\"", "2 widths for 3 scales"]) { $0.setMetadata("channels", [8, 8]) }
        try assertRefused("text", mentions: ["\"channels\"", "integers"]) { $0.setMetadata("channels", "8,x,8") }
    }

    func testShapeThatDisagreesWithTheSettings() throws {
        try assertRefused("narrow", mentions: ["scale2.G.block0.conv.weight", "shape"]) { $0.setMetadata("channels", [8, 8, 4]) }
        try assertRefused("kernel", mentions: ["G.block0.conv.weight", "expected [8, 3, 1, 1]"],
                          editSettings { $0.kernel = 1 })
    }

    func testSettingsOutOfRange() throws {
        try assertRefused("layers0", mentions: ["\"settings\"", "layers is 0"], editSettings { $0.layers = 0 })
        try assertRefused("layers-3", mentions: ["\"settings\"", "layers is -3"], editSettings { $0.layers = -3 })
        try assertRefused("kernel0", mentions: ["\"settings\"", "kernel is 0"], editSettings { $0.kernel = 0 })
        try assertRefused("channels", mentions: ["\"settings\"", "channels is -1"], editSettings { $0.channels = -1 })
        try assertRefused("scale", mentions: ["\"settings\"", "scaleFactor is 1.5"], editSettings { $0.scaleFactor = 1.5 })
        try assertRefused("scales", mentions: ["\"settings\"", "scales is 0"], editSettings { $0.scales = 0 })
        try assertRefused("unreadable", mentions: ["\"settings\"", "unreadable"]) { $0.setMetadata("settings", "{\"layers\": 1e400}") }
    }

    func testScaleMetadataOutOfRange() throws {
        try assertRefused("amps", mentions: ["\"noise_amps\"", "nan"]) { $0.setMetadata("noise_amps", "1.0,nan,0.1") }
        try assertRefused("ampcount", mentions: ["\"noise_amps\"", "1 noise amplitudes for 3 scales"]) { $0.setMetadata("noise_amps", "1.0") }
        try assertRefused("trained", mentions: ["\"trained_scales\"", "scale 7"]) { $0.setMetadata("trained_scales", [2, 1, 7]) }
        try assertRefused("source", mentions: ["\"source_size\""]) { $0.setMetadata("source_size", [-40, 30]) }
        try assertRefused("sizes", mentions: ["pyramid sizes"]) { $0.setMetadata("scale_sizes", [40, 30, 1, 1, 16, 12]) }
        try assertRefused("pyramid", mentions: ["pyramid kind", "spiral"]) { $0.setMetadata("pyramid", "spiral") }
        try assertRefused("seed", mentions: ["\"seed\""]) { $0.setMetadata("seed", "-1") }
    }

    func testMissingTensorAndNonFiniteWeights() throws {
        try assertRefused("missing", mentions: ["scale0.D.block2.norm.running_var"]) {
            $0.tensors.removeAll { $0.name == "scale0.D.block2.norm.running_var" }
        }
        try assertRefused("nan", mentions: ["scale1.G.tail.conv.weight", "NaN or infinite"]) {
            let i = try XCTUnwrap($0.tensors.firstIndex { $0.name == "scale1.G.tail.conv.weight" })
            $0.tensors[i].values[5] = .nan
        }
        try assertRefused("inf", mentions: ["scale0.real", "NaN or infinite"]) {
            let i = try XCTUnwrap($0.tensors.firstIndex { $0.name == "scale0.real" })
            $0.tensors[i].values[0] = -.infinity
        }
    }

    /// Damage below the safetensors layer: the header length and the data offsets.
    func testHeaderAndDataOffsetsOutOfTheFile() throws {
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: Self.original))
        var huge = bytes
        huge.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 1, 0, 0])
        let hugePath = Self.folder + "/header.sgm"
        try huge.write(to: URL(fileURLWithPath: hugePath))
        assertLoadFails(hugePath, mentions: ["header length", "absurd"])
        // Just over the sane size (16 MiB): refused before the header is parsed.
        huge.replaceSubrange(0..<8, with: [8, 0, 0, 1, 0, 0, 0, 0])
        try huge.write(to: URL(fileURLWithPath: hugePath))
        assertLoadFails(hugePath, mentions: ["header length 16777224 is absurd"])

        // Point one tensor's data past the end of the file, keeping the header's length.
        let headerLength = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        var header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        let dataLength = bytes.count - 8 - headerLength
        let last = try XCTUnwrap(header.range(of: "\(dataLength)]"))
        header.replaceSubrange(last, with: "\(dataLength + 400)]")
        header = String(header.prefix(headerLength))  // the padding absorbs the longer number
        let outside = Data(bytes[0..<8]) + Data(header.utf8) + bytes[(8 + headerLength)...]
        let outsidePath = Self.folder + "/outside.sgm"
        try outside.write(to: URL(fileURLWithPath: outsidePath))
        assertLoadFails(outsidePath, mentions: ["data_offsets"])
    }
}
