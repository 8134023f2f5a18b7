// A stand-in for the SinGAN layer: fake images and models and a few commands,
// so the tests exercise host values, type errors and `n` without the real thing.
import Foundation
import Script

final class FakeImage: HostValue {
    let width: Int, height: Int
    init(_ width: Int, _ height: Int) { self.width = width; self.height = height }
    var typeName: String { "image" }
    var summary: String { "image \(width)x\(height)" }
}

final class FakeModel: HostValue {
    let scales: Int
    init(scales: Int) { self.scales = scales }
    var typeName: String { "model" }
    var summary: String { "model, \(scales) scales" }
}

enum FakeHost {
    static func install(in session: Session, temporaryFolder: String) {
        let interpreter = session.interpreter
        var current: FakeModel?
        interpreter.hostVariables = { name in
            guard name == "n" else { return nil }
            guard let current else { throw ScriptError.runtime("no current model (make one with makemodel)") }
            return .number(Double(current.scales - 1))
        }
        interpreter.hostVariableNames = { ["n"] }
        interpreter.setGlobal("tmp", .string(temporaryFolder))
        session.settings.register(Setting("iters", .int, default: .number(2000), "iterations per scale",
                                          validate: { value in
            if case .number(let x) = value, x <= 0 { return "must be > 0" }
            return nil
        }))
        session.settings.register(Setting("lr", .number, default: .number(5e-4), "learning rate"))
        let table = session.table
        table.register(Command("makeimg", positional: [Parameter("w", .int), Parameter("h", .int)],
                               summary: "a fake image", help: "makeimg 250 188", topic: "images") { arguments, _ in
            guard case .number(let w) = arguments["w"], case .number(let h) = arguments["h"] else { return .none }
            return .host(FakeImage(Int(w), Int(h)))
        })
        table.register(Command("makemodel", keywords: [Parameter("scales", .int, default: .number(5))],
                               summary: "a fake model, made current", topic: "models") { arguments, _ in
            guard case .number(let k) = arguments["scales"] else { return .none }
            let model = FakeModel(scales: Int(k))
            current = model
            return .host(model)
        })
        table.register(Command("width", positional: [Parameter("img", .image)], summary: "width in pixels",
                               topic: "images") { arguments, _ in
            guard case .host(let image as FakeImage) = arguments["img"] else { return .none }
            return .number(Double(image.width))
        })
        table.register(Command("inject", positional: [Parameter("img", .image, "the image to feed in")],
                               keywords: [Parameter("at", .scale, "the scale it enters"),
                                          Parameter("into", .path(["png"]), default: .none, "where to write")],
                               summary: "feed an image into scale K", help: "inject paint at n-2",
                               topic: "models") { arguments, interpreter in
            interpreter.output.print("inject \(arguments["img"]) at \(arguments["at"]) into \(arguments["into"].printed)")
            return arguments["img"]
        })
        table.register(Command("sample", positional: [Parameter("count", .int, default: .number(1))],
                               keywords: [Parameter("scale", .size, default: .size(1, 1)),
                                          Parameter("from", .scale, default: .none),
                                          Parameter("into", .path(["png"]), default: .none),
                                          Parameter("verbose", .bool, default: .bool(false))],
                               summary: "random samples", help: "sample 4 into \"out/s_{i}.png\"",
                               topic: "models") { arguments, interpreter in
            let given = ["count", "scale", "from", "into", "verbose"].map { "\($0)=\(arguments[$0])" }
            interpreter.output.print("sample " + given.joined(separator: " "))
            return .host(FakeImage(10, 10))
        })
        table.register(Command("save model", positional: [Parameter("file", .path(["sgm"]))],
                               summary: "write the current model", topic: "models") { arguments, interpreter in
            interpreter.output.print("saved model to \(arguments["file"].printed)")
            return .none
        })
        table.register(Command("save", positional: [Parameter("img", .image), Parameter("file", .path(["png"]))],
                               summary: "write an image", topic: "images") { arguments, interpreter in
            interpreter.output.print("saved \(arguments["img"]) to \(arguments["file"].printed)")
            return .none
        })
        table.register(Command("cat", positional: [Parameter("file", .path([]))], summary: "print a file",
                               recorded: false) { arguments, interpreter in
            let text = (try? String(contentsOfFile: arguments["file"].printed, encoding: .utf8)) ?? "<missing>"
            for line in text.split(separator: "\n") { interpreter.output.print(String(line)) }
            return .none
        })
        table.register(Command("fail", summary: "a host command that throws") { _, _ in
            throw ScriptError.runtime("the host says no")
        })
    }
}
