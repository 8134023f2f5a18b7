// The first command set of the design (shared/design/language.md), as stubs that
// print the arguments they receive: the corpus files under design/ check that
// every example of the design parses and binds as written. The signatures are a
// template for the real bindings.
import Script

enum DesignStubs {
    static func install(in session: Session) {
        var current: FakeModel?
        let interpreter = session.interpreter
        interpreter.hostVariables = { name in
            guard name == "n" else { return nil }
            guard let current else { throw ScriptError.runtime("no current model (use pyramid or load model first)") }
            return .number(Double(current.scales - 1))
        }
        let png = ArgType.path(["png"]), sgm = ArgType.path(["sgm"]), gif = ArgType.path(["gif", "png"])
        stub(session, "load", [Parameter("file", png)]) { _ in .host(FakeImage(250, 188)) }
        stub(session, "load model", [Parameter("file", sgm)]) { _ in
            current = FakeModel(scales: 9)
            return .host(FakeModel(scales: 9))
        }
        stub(session, "save", [Parameter("img", .image), Parameter("file", png)])
        stub(session, "save model", [Parameter("file", sgm)], [Parameter("model", .model, default: .none)])
        stub(session, "save frames", [Parameter("file", gif)])
        stub(session, "pyramid", [Parameter("img", .image)],
             [Parameter("scale", .number, default: .number(0.75)), Parameter("min", .int, default: .number(25)),
              Parameter("max", .int, default: .number(250)), Parameter("scales", .int, default: .none)]) { _ in
            current = FakeModel(scales: 9)
            return .none
        }
        stub(session, "show pyramid", [])
        stub(session, "show model", [])
        stub(session, "show", [Parameter("value", .any)])
        stub(session, "train", [], [Parameter("scale", .scale, default: .none), Parameter("upto", .scale, default: .none),
                                    Parameter("iters", .int, default: .none), Parameter("verbose", .bool, default: .bool(false))])
        stub(session, "sample", [Parameter("count", .int, default: .number(1))],
             [Parameter("scale", .size, default: .none), Parameter("size", .size, default: .none),
              Parameter("from", .scale, default: .none), Parameter("into", png, default: .none)]) { _ in
            .host(FakeImage(250, 188))
        }
        stub(session, "reconstruct", []) { _ in .host(FakeImage(250, 188)) }
        stub(session, "inject", [Parameter("img", .image)],
             [Parameter("at", .scale), Parameter("mask", .image, default: .none), Parameter("into", png, default: .none)]) { _ in
            .host(FakeImage(250, 188))
        }
        stub(session, "walk z", [], [Parameter("steps", .int, default: .number(1)), Parameter("alpha", .number, default: .number(0.1)),
                                     Parameter("beta", .number, default: .number(0.9)), Parameter("from", .scale, default: .none),
                                     Parameter("into", gif, default: .none)])
    }

    /// A command that prints `name key=value ...` for the arguments given.
    private static func stub(_ session: Session, _ name: String, _ positional: [Parameter], _ keywords: [Parameter] = [],
                             result: @escaping (Arguments) -> Value = { _ in .none }) {
        session.table.register(Command(name, positional: positional, keywords: keywords, summary: "stub",
                                       topic: "design") { arguments, interpreter in
            let given = (positional + keywords).map(\.name).filter { arguments.isGiven($0) }
            let text = given.map { "\($0)=\(arguments[$0])" }
            interpreter.output.print(([name] + text).joined(separator: " "))
            return result(arguments)
        })
    }
}
