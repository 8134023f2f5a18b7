// Sessions with the real SinGAN bindings for tests: quiet progress (no timings in
// the output), a `tmp` folder shown as {tmp} in the output, previews inside it.
import Foundation
import SGSCommands
import Script

enum SGSTesting {
    static func session(output: OutputSink, interrupt: Interrupt = Interrupt(), temporaryFolder: String) -> SGSSession {
        let sgs = makeSession(output: output, interrupt: interrupt, stdlibPath: stdlibFolder)
        sgs.session.output = TemporaryPathOutput(output, folder: temporaryFolder)
        sgs.trainingProgress = { _ in }
        sgs.previewFolder = temporaryFolder + "/previews"
        sgs.previewPrefix = ""
        sgs.session.interpreter.setGlobal("tmp", .string(temporaryFolder))
        return sgs
    }

    static var stdlibFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../stdlib")
            .standardizedFileURL.path
    }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Writes to another sink with the temporary folder's path shown as `{tmp}`, so
/// expected output does not depend on where the test runs.
final class TemporaryPathOutput: OutputSink {
    let base: OutputSink, folder: String
    init(_ base: OutputSink, folder: String) { self.base = base; self.folder = folder }
    func print(_ line: String) { base.print(line.replacingOccurrences(of: folder, with: "{tmp}")) }
    func error(_ text: String) { base.error(text.replacingOccurrences(of: folder, with: "{tmp}")) }
    func info(_ line: String) { base.info(line.replacingOccurrences(of: folder, with: "{tmp}")) }
}
