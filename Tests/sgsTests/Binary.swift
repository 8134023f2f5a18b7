// Runs the real sgs executable, as a user's shell would: arguments, standard input,
// environment in; exit status, standard output and standard error out.
import Foundation
import XCTest

enum Binary {
    /// The sgs executable `swift build` put next to the test bundle (or in the package's
    /// .build/debug when the bundle lives elsewhere).
    static var url: URL? {
        var candidates: [URL] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("sgs"))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("sgs"))
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/sgs"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func require() throws -> URL {
        guard let url else {
            throw XCTSkip("the sgs executable is not built (swift build --product sgs)")
        }
        return url
    }

    /// A clean environment: no colour overrides, history in a temporary home.
    static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NO_COLOR", "COLUMNS", "XDG_STATE_HOME", "TMUX", "KITTY_WINDOW_ID", "TERM_PROGRAM", "SGS_STDLIB"] {
            environment[name] = nil
        }
        environment["HOME"] = home.path
        environment["TERM"] = "xterm"
        return environment.merging(extra) { $1 }
    }
}

struct Outcome {
    var status: Int32
    var output: String
    var errors: String
}

/// Bytes one reader thread fills; read only after the DispatchGroup says it is done.
private final class Collected: @unchecked Sendable {
    var data = Data()
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs sgs to completion with pipes for its standard streams (so: not a terminal).
func runSGS(_ arguments: [String], input: String = "", in folder: TemporaryFolder,
            environment extra: [String: String] = [:], timeout: TimeInterval = 10) throws -> Outcome {
    let process = Process()
    process.executableURL = try Binary.require()
    process.arguments = arguments
    process.currentDirectoryURL = folder.url
    process.environment = Binary.environment(home: folder.url, extra: extra)
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    // Read both pipes while the process runs, so a full pipe cannot stall it.
    let output = Collected(), errors = Collected()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { output.data = stdout.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { errors.data = stderr.fileHandleForReading.readDataToEndOfFile() }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(2_000) }
    if process.isRunning {
        process.terminate()
        XCTFail("sgs \(arguments) did not finish within \(timeout) s")
    }
    process.waitUntilExit()
    group.wait()
    return Outcome(status: process.terminationStatus,
                   output: String(decoding: output.data, as: UTF8.self),
                   errors: String(decoding: errors.data, as: UTF8.self))
}
