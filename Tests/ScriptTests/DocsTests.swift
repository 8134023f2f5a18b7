import Foundation
import XCTest
import SGSCommands
import Script

/// docs/language.md embeds the command reference generated from the table.
final class DocsTests: XCTestCase {
    static let begin = "<!-- commands:begin -->\n"
    static let end = "<!-- commands:end -->"

    func testCommandReferenceIsUpToDate() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/language.md").standardizedFileURL.path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = text.range(of: Self.begin), let stop = text.range(of: Self.end) else {
            return XCTFail("docs/language.md lacks the command reference markers")
        }
        let session = makeSession(output: CapturedOutput(), interrupt: Interrupt(), stdlibPath: nil).session
        let reference = session.table.markdownReference() + "\n" + session.settings.markdownReference() + "\n"
        let current = String(text[start.upperBound..<stop.lowerBound])
        if current == reference { return }
        if ProcessInfo.processInfo.environment["SGS_UPDATE_DOCS"] == "1" {
            let updated = String(text[..<start.upperBound]) + reference + String(text[stop.lowerBound...])
            try updated.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        XCTFail("the command reference in docs/language.md is stale: run SGS_UPDATE_DOCS=1 swift test --filter DocsTests")
    }
}
