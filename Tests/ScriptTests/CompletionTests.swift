import XCTest
import Script

final class CompletionTests: XCTestCase {
    private func session() -> Session {
        let session = Session(output: CapturedOutput(), interrupt: Interrupt())
        FakeHost.install(in: session, temporaryFolder: "/tmp")
        return session
    }

    func testCommandsAtTheStart() {
        let completion = session().completions(for: "sa", cursor: 2)
        XCTAssertEqual(completion.candidates, ["sample", "save"])
        XCTAssertEqual(completion.wordStart, 0)
        XCTAssertFalse(completion.wantsPath)
    }

    func testStatementWordsAndVariablesAtTheStart() throws {
        let s = session()
        try s.run(source: "let result = 1", name: "<test>")
        XCTAssertEqual(s.completions(for: "re", cursor: 2).candidates, ["record", "repeat", "reset", "result", "return"])
    }

    func testKeywordsOfTheCommandBeingTyped() {
        let completion = session().completions(for: "sample 4 f", cursor: 10)
        XCTAssertEqual(completion.candidates, ["from"])
        XCTAssertEqual(completion.wordStart, 9)
    }

    func testUsedKeywordsAreNotOfferedAgain() {
        let candidates = session().completions(for: "sample from 2 ", cursor: 14).candidates
        XCTAssertTrue(candidates.contains("into"))
        XCTAssertFalse(candidates.contains("from"))
    }

    func testSettingsAfterSet() {
        XCTAssertEqual(session().completions(for: "set i", cursor: 5).candidates, ["iters"])
        XCTAssertEqual(session().completions(for: "set ", cursor: 4).candidates, ["iters", "lr", "seed"])
    }

    func testHelpTopics() {
        XCTAssertEqual(session().completions(for: "? inj", cursor: 5).candidates, ["inject"])
        XCTAssertEqual(session().completions(for: "help se", cursor: 7).candidates, ["seed", "set", "settings"])
    }

    func testSubcommands() {
        XCTAssertEqual(session().completions(for: "save m", cursor: 6).candidates, ["model"])
    }

    func testPathInsideAStringWithExtensions() {
        let completion = session().completions(for: "inject img at 2 into \"out/pa", cursor: 28)
        XCTAssertTrue(completion.wantsPath)
        XCTAssertEqual(completion.extensions, ["png"])
        XCTAssertEqual(completion.wordStart, 22)
    }

    func testPathForPositionalParameters() {
        let use = session().completions(for: "use \"lib", cursor: 8)
        XCTAssertTrue(use.wantsPath)
        XCTAssertEqual(use.extensions, ["sgs"])
        let model = session().completions(for: "save model \"", cursor: 12)
        XCTAssertEqual(model.extensions, ["sgm"])
        let bare = session().completions(for: "record ", cursor: 7)
        XCTAssertTrue(bare.wantsPath)
    }

    func testVariablesAsArguments() throws {
        let s = session()
        try s.run(source: "let photo = makeimg 2 2", name: "<test>")
        XCTAssertEqual(s.completions(for: "inject ph", cursor: 9).candidates, ["photo"])
        XCTAssertEqual(s.completions(for: "let x = wid", cursor: 11).candidates, ["width"])
    }

    func testCursorInTheMiddle() {
        let completion = session().completions(for: "sam 4", cursor: 3)
        XCTAssertEqual(completion.candidates, ["sample"])
    }

    func testIsComplete() {
        XCTAssertTrue(Session.isComplete("print 1"))
        XCTAssertTrue(Session.isComplete(""))
        XCTAssertFalse(Session.isComplete("repeat 3 {"))
        XCTAssertFalse(Session.isComplete("repeat 3 {\n  print 1"))
        XCTAssertTrue(Session.isComplete("repeat 3 {\n  print 1\n}"))
        XCTAssertFalse(Session.isComplete("if x { print 1 } else {"))
        XCTAssertFalse(Session.isComplete("let l = [1,"))
        XCTAssertFalse(Session.isComplete("print (1"))
        XCTAssertFalse(Session.isComplete("let x = 1 +"))
        XCTAssertTrue(Session.isComplete("print \"{\""))
        XCTAssertTrue(Session.isComplete("print 1 # {"))
        XCTAssertTrue(Session.isComplete("print \"unterminated"), "a lexing error is reported by run, not waited on")
        XCTAssertTrue(Session.isComplete("}"), "a stray brace is an error to report now")
    }
}
