import Foundation
import XCTest
import Tensor
@testable import SinGAN

final class SafeTensorsTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "sgs-safetensors-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func sample() -> SafeTensorsFile {
        var file = SafeTensorsFile(metadata: ["format": "sgs", "version": "1", "note": "ünïcode \"quoted\"\n"])
        file.add("scale1.weight", Tensor((0..<24).map { Float($0) * 0.5 - 3 }, shape: [2, 3, 2, 2]))
        file.add("a.bias", Tensor([1, -2, .infinity, -0.0], shape: [4]))
        file.tensors.append(.init(name: "empty", shape: [0, 3], values: []))
        file.tensors.append(.init(name: "scalar", shape: [], values: [42]))
        return file
    }

    /// Writes raw bytes and returns the error message reading them gives.
    private func refusal(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> String {
        let path = folder + "/bad.safetensors"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        do {
            _ = try SafeTensorsFile.read(from: path)
            XCTFail("read accepted bad bytes", file: file, line: line)
            return ""
        } catch {
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix(path + ": "), "message does not name the file: \(message)", file: file, line: line)
            return message
        }
    }

    /// A file whose header is `json` (padded as the writer would), followed by `data`.
    private func fileBytes(json: String, data: [UInt8] = []) -> [UInt8] {
        var header = Array(json.utf8)
        header += [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        return withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + data
    }

    func testRoundTripKeepsTensorsOrderAndMetadata() throws {
        let path = folder + "/model.safetensors"
        try sample().write(to: path)
        let back = try SafeTensorsFile.read(from: path)
        XCTAssertEqual(back.tensors, sample().tensors)
        XCTAssertEqual(back.metadata, sample().metadata)
        XCTAssertEqual(back.path, path)
        XCTAssertEqual(try back.tensor("scale1.weight", shape: [2, 3, 2, 2]).values, sample().tensors[0].values)
        // No temporary file is left beside the model.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["model.safetensors"])
    }

    func testSameModelGivesSameBytes() throws {
        var shuffled = sample()
        shuffled.metadata = Dictionary(uniqueKeysWithValues: shuffled.metadata.reversed())
        XCTAssertEqual(try sample().encoded(), try shuffled.encoded())
    }

    func testExactByteLayoutOfATinyFile() throws {
        let file = SafeTensorsFile(tensors: [.init(name: "a", shape: [2], values: [1, -2])], metadata: ["k": "v"])
        let json = #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#  // 79 bytes
        let expected: [UInt8] = [80, 0, 0, 0, 0, 0, 0, 0] + Array(json.utf8) + [0x20]
            + [0x00, 0x00, 0x80, 0x3F]  // 1.0f
            + [0x00, 0x00, 0x00, 0xC0]  // -2.0f
        XCTAssertEqual(try file.encoded(), expected)
    }

    func testOverwriteReplacesTheOldFile() throws {
        let path = folder + "/model.safetensors"
        try sample().write(to: path)
        let small = SafeTensorsFile(tensors: [.init(name: "x", shape: [1], values: [7])])
        try small.write(to: path)
        XCTAssertEqual(try SafeTensorsFile.read(from: path).tensors, small.tensors)
    }

    func testWritingIntoAMissingFolderNamesTheFile() {
        let path = folder + "/no/such/folder/m.safetensors"
        XCTAssertThrowsError(try sample().write(to: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix(path + ": cannot create a temporary file in"), "\(error)")
        }
    }

    func testMissingFileAndDirectory() {
        for (path, words) in [(folder + "/nope.safetensors", "no such file"), (folder, "is a directory")] {
            XCTAssertThrowsError(try SafeTensorsFile.read(from: path)) { error in
                XCTAssertEqual("\(error)", "\(path): \(words)" + (words == "is a directory" ? ", not a model file" : ""))
            }
        }
    }

    func testHeaderRefusals() {
        XCTAssertTrue(refusal([1, 2, 3]).contains("too short for a safetensors header: 3 bytes"))
        XCTAssertTrue(refusal([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0x7B]).contains("header length 4294967295 is absurd"))
        XCTAssertTrue(refusal([16, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]).contains("header length 16 is larger than the file (10 bytes)"))
        XCTAssertTrue(refusal([0, 0, 0, 0, 0, 0, 0, 0]).contains("not valid JSON"))
        XCTAssertTrue(refusal([2, 0, 0, 0, 0, 0, 0, 0, 0xC3, 0x28]).contains("not valid UTF-8"))
        XCTAssertTrue(refusal(fileBytes(json: "{\"a\":")).contains("header is not valid JSON: unexpected end of JSON at byte 8"))
        XCTAssertTrue(refusal(fileBytes(json: "[1,2]")).contains("header is an array, expected a JSON object"))
        XCTAssertTrue(refusal(fileBytes(json: #"{"__metadata__":{"n":3}}"#)).contains(#"__metadata__ value "n" is a number, expected a string"#))
        XCTAssertTrue(refusal(fileBytes(json: #"{"a":{},"a":{}}"#)).contains(#"duplicate key "a""#))
        XCTAssertTrue(refusal(fileBytes(json: String(repeating: "[", count: 200))).contains("nesting deeper than 64"))
    }

    func testTensorEntryRefusals() {
        let cases: [(String, [UInt8], String)] = [
            (#"{"t":{"shape":[1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0], #"tensor "t" has no "dtype""#),
            (#"{"t":{"dtype":"F32","data_offsets":[0,4]}}"#, [0, 0, 0, 0], #"tensor "t" has no "shape""#),
            (#"{"t":{"dtype":"F32","shape":[1]}}"#, [0, 0, 0, 0], #"tensor "t" has no "data_offsets""#),
            (#"{"t":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, [0, 0, 0, 0], #"tensor "t" has dtype F16; sgs reads only F32"#),
            (#"{"t":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, [0, 0, 0, 0], "not a non-negative integer"),
            (#"{"t":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, [0, 0, 0, 0], "not a non-negative integer"),
            (#"{"t":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#, [0, 0, 0, 0], "end before they begin"),
            (#"{"t":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, [0, 0, 0, 0], "must be two non-negative integers"),
            (#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, [0, 0, 0, 0], "span 4 bytes, but shape [2] of F32 needs 8"),
            (#"{"t":{"dtype":"F32","shape":[99999999999,99999999999],"data_offsets":[0,4]}}"#, [0, 0, 0, 0], "absurdly large"),
            (#"{"t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, [UInt8](repeating: 0, count: 8), #"gap of 4 bytes before tensor "t""#),
            (#"{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"u":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
             [UInt8](repeating: 0, count: 8), #"tensor "u" data_offsets [4, 8] overlap the previous tensor, which ends at 8"#),
            (#"{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, [0, 0], "truncated: expected 4 bytes of tensor data, found 2"),
            (#"{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, [UInt8](repeating: 0, count: 6), "2 unexpected bytes after the tensor data"),
            (#"{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,99999999999999999999999]}}"#, [0, 0, 0, 0], "must be two non-negative integers"),
        ]
        for (json, data, words) in cases {
            let message = refusal(fileBytes(json: json, data: data))
            XCTAssertTrue(message.contains(words), "\(json): got \(message)")
        }
    }

    func testEveryTruncationIsRefusedNamingTheFile() throws {
        let bytes = try SafeTensorsFile(tensors: [.init(name: "w", shape: [2, 2], values: [1, 2, 3, 4])], metadata: ["v": "1"]).encoded()
        let headerEnd = bytes.count - 16
        for length in 0..<bytes.count {
            let message = refusal(Array(bytes[0..<length]))
            if length < 8 { XCTAssertTrue(message.contains("too short"), message) }
            else if length < headerEnd { XCTAssertTrue(message.contains("larger than the file"), message) }
            else { XCTAssertTrue(message.contains("truncated: expected 16 bytes of tensor data, found \(length - headerEnd)"), message) }
        }
    }

    func testRandomGarbageNeverTraps() throws {
        var rng = RandomSource(seed: 7)
        let valid = try sample().encoded()
        for trial in 0..<2000 {
            var bytes: [UInt8]
            if trial % 2 == 0 {
                bytes = (0..<rng.integer(below: 64)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                if trial % 4 == 0, bytes.count >= 8 { bytes.replaceSubrange(0..<8, with: [UInt8(bytes.count - 8), 0, 0, 0, 0, 0, 0, 0]) }
            } else {
                // Flip a few bytes of a valid file: mostly header damage.
                bytes = valid
                for _ in 0..<1 + rng.integer(below: 3) { bytes[rng.integer(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            }
            do { _ = try SafeTensorsFile.decode(bytes, path: "g") } catch let error as ModelFileError {
                XCTAssertEqual(error.path, "g")
            }
        }
    }

    func testWriterRefusesInconsistentTensors() {
        let cases: [(SafeTensorsFile, String)] = [
            (SafeTensorsFile(tensors: [.init(name: "x", shape: [3], values: [1])]), "has shape [3] but 1 values"),
            (SafeTensorsFile(tensors: [.init(name: "x", shape: [1], values: [1]), .init(name: "x", shape: [1], values: [1])]), "listed twice"),
            (SafeTensorsFile(tensors: [.init(name: "__metadata__", shape: [1], values: [1])]), "may not be called"),
        ]
        for (file, words) in cases {
            XCTAssertThrowsError(try file.write(to: folder + "/w.safetensors")) { XCTAssertTrue("\($0)".contains(words), "\($0)") }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/w.safetensors"))
    }

    func testTypedMetadata() throws {
        var file = SafeTensorsFile(path: "m.safetensors")
        file.setMetadata("scales", 9)
        file.setMetadata("factor", 0.7937005259840998)
        file.setMetadata("seed", UInt64.max)
        file.setMetadata("bn", true)
        file.setMetadata("sizes", [26, 34, 45])
        file.setMetadata("amps", [1.0, 0.1])
        file.setMetadata("none", [Int]())
        let back = try SafeTensorsFile.decode(try file.encoded(), path: "m.safetensors")
        XCTAssertEqual(try back.metadataInt("scales"), 9)
        XCTAssertEqual(try back.metadataDouble("factor"), 0.7937005259840998)
        XCTAssertEqual(try back.metadataUInt64("seed"), UInt64.max)
        XCTAssertEqual(try back.metadataBool("bn"), true)
        XCTAssertEqual(try back.metadataInts("sizes"), [26, 34, 45])
        XCTAssertEqual(try back.metadataDoubles("amps"), [1.0, 0.1])
        XCTAssertEqual(try back.metadataInts("none"), [])
        XCTAssertThrowsError(try back.metadataInt("missing")) { XCTAssertEqual("\($0)", #"m.safetensors: missing metadata "missing""#) }
        XCTAssertThrowsError(try back.metadataInt("factor")) { XCTAssertTrue("\($0)".contains(#"metadata "factor" is "0.7937005259840998", expected an integer"#)) }
        XCTAssertThrowsError(try back.tensor("netG")) { XCTAssertEqual("\($0)", #"m.safetensors: missing tensor "netG""#) }
    }

    /// Optional: the `safetensors` Python package opens our file. Skipped without it.
    func testPythonSafetensorsOpensOurFile() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/check-safetensors.py").path
        guard run(["python3", "-c", "import safetensors, numpy"]) == 0 else { throw XCTSkip("python3 with safetensors and numpy not available") }
        let path = folder + "/py.safetensors"
        try sample().write(to: path)
        XCTAssertEqual(run(["python3", script, path]), 0)

        // And the other way: a file the package writes reads back with the same contents.
        let pyPath = folder + "/from-python.safetensors"
        let writer = """
            import numpy as np, sys
            from safetensors.numpy import save_file
            save_file({"b": np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5, "a": np.array([1.5], dtype=np.float32)},
                      sys.argv[1], metadata={"format": "py", "z": "last"})
            """
        XCTAssertEqual(run(["python3", "-c", writer, pyPath]), 0)
        let fromPython = try SafeTensorsFile.read(from: pyPath)
        XCTAssertEqual(fromPython.tensors.map(\.name), ["a", "b"])
        XCTAssertEqual(fromPython.tensors[1].values, [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])
        // The package orders metadata keys by a hash map, so compare contents, not bytes.
        XCTAssertEqual(fromPython.metadata, ["format": "py", "z": "last"])
    }

    private func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
