import Foundation
import XCTest
import Script

/// Input that could overflow the stack must end in an error, never a crash.
final class LimitsTests: XCTestCase {
    private func run(_ source: String) throws -> [String] {
        let output = CapturedOutput()
        try Session(output: output, interrupt: Interrupt()).run(source: source, name: "<test>")
        return output.lines
    }

    func testDeepParenthesesWithinTheLimitRun() throws {
        let depth = 140
        XCTAssertEqual(try run("print " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)), ["1"])
    }

    func testTooDeepParenthesesAreASyntaxError() {
        let depth = 5000
        let source = "print " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        XCTAssertThrowsError(try run(source)) { error in
            XCTAssertEqual((error as? ScriptError)?.message, "nested too deeply")
        }
    }

    func testTooDeepBlocksAreASyntaxError() {
        let source = String(repeating: "if true {\n", count: 3000) + String(repeating: "}\n", count: 3000)
        XCTAssertThrowsError(try run(source))
    }

    func testTooDeepUnaryMinusIsASyntaxError() {
        XCTAssertThrowsError(try run("print " + String(repeating: "- ", count: 5000) + "1"))
    }

    func testTooDeepNotIsASyntaxError() {
        XCTAssertThrowsError(try run("print " + String(repeating: "not ", count: 5000) + "true"))
    }

    func testDeepRecursionStopsWithAnError() {
        XCTAssertThrowsError(try run("def down k { return down(k + 1) }\ndown 0")) { error in
            XCTAssertTrue((error as? ScriptError)?.message.contains("too many nested calls") ?? false)
        }
    }

    func testRecursionWithinTheLimitRuns() throws {
        XCTAssertEqual(try run("def sum k {\n if k == 0 { return 0 }\n return k + sum(k - 1)\n}\nprint sum(150)"), ["11325"])
    }

    func testHugeRangesDoNotAllocate() throws {
        XCTAssertEqual(try run("let c = 0\nfor i in 1..1000000000 {\n c = c + 1\n if c == 3 { print c; quit }\n}"), ["3"])
    }
}

extension LimitsTests {
    func testLongOperatorChainsAreASyntaxError() {
        XCTAssertEqual(try run("print 0" + String(repeating: " + 1", count: 1500)), ["1500"])
        XCTAssertThrowsError(try run("print 0" + String(repeating: " + 1", count: 10_000)))
        XCTAssertThrowsError(try run("print true" + String(repeating: " and true", count: 10_000)))
    }

    func testLongElseIfChainsAreASyntaxError() {
        XCTAssertThrowsError(try run("if false { }" + String(repeating: " else if false { }", count: 5000)))
    }
}

extension LimitsTests {
    func testDeeplyNestedListsAreRefused() {
        XCTAssertEqual(try run("let l = []\nrepeat 99 { l = [l] }\nprint len(l)"), ["1"])
        XCTAssertThrowsError(try run("let l = []\nrepeat 100000 { l = [l] }")) { error in
            XCTAssertTrue((error as? ScriptError)?.message.contains("nested too deeply") ?? false)
        }
    }
}

/// Input that would make a script allocate without bound, or hang, ends in an error.
extension LimitsTests {
    private func assertError(_ source: String, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try run(source), file: file, line: line) { error in
            let message = (error as? ScriptError)?.message ?? "\(error)"
            XCTAssertTrue(message.contains(text), "\(message) should contain \(text)", file: file, line: line)
        }
    }

    func testDoublingAStringStopsAtTheLimit() {
        assertError("let s = \"ab\"\nrepeat 40 { s = s + s }", "string too long: more than 16777216 bytes")
        assertError("let s = \"ab\"\nrepeat 40 { s = \"{s}{s}\" }", "string too long")
    }

    func testDoublingAListStopsAtTheLimit() {
        assertError("let l = [1]\nrepeat 40 { l = l + l }", "list too long: more than 4194304 values in all")
        // Sharing one sublist many times counts its values each time: 2^60 values otherwise.
        assertError("let l = [1]\nrepeat 60 { l = [l, l, l, l, l, l, l, l] }", "list too long")
    }

    func testAMillionCharacterStringAndALongLineWork() throws {
        let million = String(repeating: "y", count: 1_000_000)
        XCTAssertEqual(try run("let s = \"\(million)\"\nprint len(s)"), ["1000000"])
        XCTAssertEqual(try run("print 1 # " + String(repeating: "x", count: 2_000_000)), ["1"])
    }

    func testHugeNumbersAreErrorsNotInfinity() {
        assertError("print 1e400", "number too large: 1e400")
        assertError("print " + String(repeating: "9", count: 100_000), "number too large: 999999999999... (100000 characters)")
        XCTAssertEqual(try run("print 1e308 * 10"), ["inf"], "arithmetic may overflow; literals may not")
    }

    func testHugeCountsAreRefusedWithTheirLimit() {
        assertError("repeat 1e18 { }", "'repeat' expects a whole number, at most 1e15 in size, got a number (1e+18)")
        assertError("for i in 0..1e300 { }", "at most 1e15 in size")
        assertError("repeat 1.5 { }", "'repeat' expects a whole number, got a number (1.5)")
    }

    func testInterruptStopsLongLoopsAndRecursion() {
        for source in ["repeat 1e15 { }", "for i in 0..1e15 { }", "def spin k { repeat 1e15 { } }\nspin 1"] {
            // As Ctrl-C does: from another thread, once the loop runs (a run clears the flag first).
            let interrupt = Interrupt()
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { interrupt.request() }
            XCTAssertThrowsError(try Session(output: CapturedOutput(), interrupt: interrupt).run(source: source, name: "<test>"),
                                 source) { error in
                XCTAssertEqual((error as? ScriptError)?.message, ScriptError.interrupted.message, source)
            }
        }
    }
}
