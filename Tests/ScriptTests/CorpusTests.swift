// Runs every script under corpus/ (as Crafting Interpreters tests its languages):
// `# expect: TEXT` lines give the output in order; `# expect error: LINE:COL TEXT`
// gives the diagnostic the script must stop with. Folders named `include` hold
// helper files for `use` and `run`, not tests.
import Foundation
import XCTest
import SGSCommands
import Script

final class CorpusTests: XCTestCase {
    struct Expectations {
        var lines: [String] = []
        var error: (line: Int, column: Int, message: String)?
        /// An `# expect error:` line that cannot be read, or a second one: the file fails
        /// rather than passing without the check it meant to make.
        var problem: String?
    }

    func testCorpus() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("corpus")
        let files = corpusFiles(in: folder)
        XCTAssertGreaterThan(files.count, 20, "corpus not found at \(folder.path)")
        var failures: [String] = []
        for file in files {
            if let failure = try check(file) { failures.append("\(file.lastPathComponent): \(failure)") }
        }
        XCTAssert(failures.isEmpty, "\(failures.count) of \(files.count) corpus files failed:\n" + failures.joined(separator: "\n"))
        print("corpus: \(files.count - failures.count) of \(files.count) files pass")
    }

    /// The runner itself: a malformed `# expect error:` line fails its file instead of
    /// being skipped (the script would otherwise pass without the check it asks for).
    func testUnreadableExpectErrorLinesFailTheirFile() {
        XCTAssertEqual(expectations(in: "nosuch\n# expect error: 1:1 unknown command").error?.message, "unknown command")
        for bad in ["# expect error: 1 unknown", "# expect error: x:2 unknown", "# expect error:1:2", "# expect error: 3:4",
                    "# expect error: 1:1 a\n# expect error: 2:1 b"] {
            XCTAssertNotNil(expectations(in: bad).problem, bad)
        }
    }

    private func corpusFiles(in folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "sgs" && !$0.pathComponents.contains("include") }
            .sorted { $0.path < $1.path }
    }

    /// Nil when the file behaves as its comments say, else what differs.
    private func check(_ file: URL) throws -> String? {
        let text = try String(contentsOf: file, encoding: .utf8)
        let expected = expectations(in: text)
        if let problem = expected.problem { return problem }
        let output = CapturedOutput()
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sgs-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        // Files under host/singan/, host/pnn/ and host/labels/ run on the real bindings, the others on the fake host.
        let real = ["singan", "pnn", "labels"].contains(file.deletingLastPathComponent().lastPathComponent)
        let session = real ? SGSTesting.session(output: output, temporaryFolder: temporary.path).session
            : Session(output: output, interrupt: Interrupt())
        // The design's examples run on stubs with the real signatures, the rest on the fake host.
        if file.pathComponents.contains("design") {
            DesignStubs.install(in: session)
        } else if !real {
            FakeHost.install(in: session, temporaryFolder: temporary.path)
        }
        session.setArguments(["first", "2"])
        var thrown: ScriptError?
        do {
            try session.runFile(file.path)
        } catch let error as ScriptError {
            thrown = error
        }
        if output.lines != expected.lines {
            return "output differs\n  expected: \(expected.lines)\n  got:      \(output.lines)"
                + (thrown.map { "\n  error: \($0.rendered)" } ?? "")
        }
        return compare(thrown, with: expected.error, file: file)
    }

    private func compare(_ thrown: ScriptError?, with expected: (line: Int, column: Int, message: String)?,
                         file: URL) -> String? {
        switch (thrown, expected) {
        case (nil, nil):
            return nil
        case (let error?, nil):
            return "unexpected error: \(error.rendered)"
        case (nil, let want?):
            return "expected error at \(want.line):\(want.column) '\(want.message)', but the script succeeded"
        case (let error?, let want?):
            let place = error.location.map { "\($0.line):\($0.column)" } ?? "?"
            guard place == "\(want.line):\(want.column)", error.message.contains(want.message),
                  error.rendered.hasPrefix(file.path + ":") else {
                return "expected error at \(want.line):\(want.column) '\(want.message)', got \(place) '\(error.message)'"
            }
            return nil
        }
    }

    func expectations(in text: String) -> Expectations {
        var result = Expectations()
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: "# expect:") {
                let rest = line[range.upperBound...]
                result.lines.append(String(rest.hasPrefix(" ") ? rest.dropFirst() : rest))
            } else if let range = line.range(of: "# expect error:") {
                let spec = line[range.upperBound...].drop { $0 == " " }
                let placeText = spec.prefix { !$0.isWhitespace }
                let place = placeText.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
                let message = spec.drop { !$0.isWhitespace }.trimmingCharacters(in: .whitespaces)
                guard place.count == 2, let line = place[0], let column = place[1], !message.isEmpty else {
                    result.problem = "line \(number + 1): cannot read '\(line)' (write # expect error: LINE:COL MESSAGE)"
                    break
                }
                guard result.error == nil else {
                    result.problem = "line \(number + 1): a second '# expect error:' (a script stops at its first error)"
                    break
                }
                result.error = (line, column, message)
            }
        }
        return result
    }
}
