import XCTest
final class SinGANTestsPlaceholder: XCTestCase { func testBuilds() {} }
