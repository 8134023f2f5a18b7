import XCTest
final class sgsTestsPlaceholder: XCTestCase { func testBuilds() {} }
