// The first command set of the design (docs/language.md), as stubs that print the
// arguments they receive: the corpus files under design/ check that every example of the
// design parses and binds as written. Each stub takes its signature from the real command
// of the same name (SGSSession's table), so the stubs cannot drift from the commands.
import SGSCommands
import Script
import XCTest

enum DesignStubs {
    static func install(in session: Session) {
        var current: FakeModel?
        let interpreter = session.interpreter
        interpreter.hostVariableNames = { ["n"] }  // so the check knows `n` before a model exists
        interpreter.hostVariables = { name in
            guard name == "n" else { return nil }
            guard let current else { throw ScriptError.runtime("no current model (use pyramid or load model first)") }
            return .number(Double(current.scales - 1))
        }
        stub(session, "load") { _ in .host(FakeImage(250, 188)) }
        stub(session, "load model") { _ in
            current = FakeModel(scales: 9)
            return .host(FakeModel(scales: 9))
        }
        stub(session, "save")
        stub(session, "save model")
        stub(session, "save frames")
        stub(session, "pyramid") { _ in
            current = FakeModel(scales: 9)
            return .none
        }
        stub(session, "show pyramid")
        stub(session, "show model")
        stub(session, "show")
        stub(session, "train")
        stub(session, "sample") { _ in
            .host(FakeImage(250, 188))
        }
        stub(session, "reconstruct") { _ in .host(FakeImage(250, 188)) }
        stub(session, "inject") { _ in
            .host(FakeImage(250, 188))
        }
        stub(session, "walk z")
    }

    /// The real sgs command table (without the stdlib), whose signatures the stubs copy.
    // nonisolated(unsafe): only read, by tests that XCTest runs one at a time.
    nonisolated(unsafe) private static let real = makeSession(output: CapturedOutput(), interrupt: Interrupt(), stdlibPath: nil).session.table

    /// A command with the real command's signature that prints `name key=value ...` for
    /// the arguments given. A design command with no real command is a test failure.
    private static func stub(_ session: Session, _ name: String, result: @escaping (Arguments) -> Value = { _ in .none }) {
        guard let command = real[name] else {
            return XCTFail("the design's command '\(name)' is not a command of sgs")
        }
        let (positional, keywords) = (command.positional, command.keywords)
        session.table.register(Command(name, positional: positional, keywords: keywords, summary: "stub",
                                       topic: "design") { arguments, interpreter in
            let given = (positional + keywords).map(\.name).filter { arguments.isGiven($0) }
            let text = given.map { "\($0)=\(arguments[$0])" }
            interpreter.output.print(([name] + text).joined(separator: " "))
            return result(arguments)
        })
    }
}
