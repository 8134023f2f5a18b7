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
