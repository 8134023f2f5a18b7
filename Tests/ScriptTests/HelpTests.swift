// Help as a new user meets it: wrapped to the width, several topics at once, the
// names and the method explained, summaries searched.
import Foundation
import XCTest
import SGSCommands
import Script

final class HelpTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try SGSTesting.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func help(_ source: String, width: Int = 80) throws -> [String] {
        let output = CapturedOutput()
        let sgs = SGSTesting.session(output: output, temporaryFolder: folder.path)
        sgs.session.interpreter.helpWidth = { width }
        try sgs.session.run(source: source, name: "<test>")
        return output.lines
    }

    func testHelpIsWrappedToTheWidthWithoutLosingWords() throws {
        for width in [50, 80] {
            let lines = try help("help train", width: width)
            XCTAssert(lines.allSatisfy { $0.count <= width }, lines.filter { $0.count > width }.joined(separator: "\n"))
            let words = lines.joined(separator: " ").split(separator: " ")
            XCTAssertTrue(words.contains("Ctrl-C"), "\(lines)")
        }
        let wide = try help("help train", width: 400)
        XCTAssertLessThan(wide.count, try help("help train", width: 50).count)
    }

    func testSeveralTopicsAtOnce() throws {
        let text = try help("help walk z iters gp").joined(separator: "\n")
        for heading in ["walk z [steps N]", "set iters N", "set gp X"] {
            XCTAssertTrue(text.contains(heading), "\(heading) missing from:\n\(text)")
        }
    }

    func testNamesAndSettingsAnswer() throws {
        XCTAssertTrue(try help("help ans").joined().contains("last command or expression"))
        XCTAssertTrue(try help("help n").joined().contains("coarsest scale"))
        XCTAssertTrue(try help("help args").joined().contains("number(args[1])"))
        let settings = try help("help settings")
        XCTAssertTrue(settings.contains { $0.hasPrefix("  iters ") && $0.contains("2000") }, "\(settings)")
    }

    func testSinganShowsTheFormulasAt80Columns() throws {
        let lines = try help("help singan")
        XCTAssert(lines.allSatisfy { $0.count <= 80 })
        let text = lines.joined(separator: "\n")
        for formula in ["gp * mean_pixels((|grad D(x')| - 1)^2)", "alpha * L_rec", "sigma_k = noise * RMSE",
                        "N   = ceil(log_r(min / s)) + 1", "z  = alpha * Z + (1 - alpha) * (z1 + d)"] {
            XCTAssertTrue(text.contains(formula), formula)
        }
    }

    /// Every setting that shapes or trains the model says what it does to the method.
    func testEveryModelSettingHasItsRule() throws {
        for name in ["min", "max", "scale", "channels", "layers", "kernel", "iters", "lrg", "lrd", "decay", "gp",
                     "alpha", "noise", "dsteps", "gsteps"] {
            let lines = try help("help \(name)")
            XCTAssertGreaterThan(lines.count, 3, "help \(name) has no explanation: \(lines)")
        }
        XCTAssertTrue(try help("help gp").joined().contains("L_D"))
        XCTAssertTrue(try help("help noise").joined().contains("RMSE"))
    }

    func testAproposSearchesSummaries() throws {
        let lines = try help("apropos noise")
        XCTAssertTrue(lines.contains { $0.hasPrefix("set noise") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("walk z") }, "\(lines)")
        XCTAssertEqual(try help("help ?noise"), lines)
        XCTAssertEqual(try help("apropos qwertyuiop"), ["nothing mentions 'qwertyuiop' (help lists every command)"])
    }

    func testWalkHelpShowsItsDefaults() throws {
        let lines = try help("help walk z")
        XCTAssertTrue(lines.contains { $0.contains("alpha X") && $0.contains("number in 0...1, 0.1") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("beta X") && $0.contains("0.9") }, "\(lines)")
    }
}
