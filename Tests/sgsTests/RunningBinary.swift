// sgs started in the background, for tests that signal it while it works.
import Foundation
import XCTest

/// sgs running in the background, its standard error collected. @unchecked Sendable:
/// `collected` is written by the reader thread before it signals `done`, and read after.
final class Running: @unchecked Sendable {
    let process = Process()
    private let errorPipe = Pipe(), outputPipe = Pipe()
    private var collected = Data()

    init(_ arguments: [String], in folder: TemporaryFolder) throws {
        process.executableURL = try Binary.require()
        process.arguments = arguments
        process.currentDirectoryURL = folder.url
        process.environment = Binary.environment(home: folder.url)
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// True once the process wrote something to standard output.
    func waitForOutput(timeout: TimeInterval) -> Bool {
        let started = DispatchSemaphore(value: 0)
        let reader = outputPipe.fileHandleForReading
        DispatchQueue.global().async {
            _ = reader.availableData
            started.signal()
        }
        return started.wait(timeout: .now() + timeout) == .success
    }

    /// The exit status (the process is killed when it outlives `timeout`).
    func wait(timeout: TimeInterval) -> Int32 {
        let reader = errorPipe.fileHandleForReading
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { [self] in
            collected = reader.readDataToEndOfFile()
            done.signal()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning {
            XCTFail("sgs did not stop within \(timeout) s")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        done.wait()
        return process.terminationStatus
    }

    var errors: String { String(decoding: collected, as: UTF8.self) }
}
