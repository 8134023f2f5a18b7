import XCTest
@testable import sgs

/// The start-up check that refuses CPUs the AVX2/FMA-compiled engine cannot run on.
final class CPUCheckTests: XCTestCase {
    func testFindsMissingFlags() {
        let zen3 = "processor\t: 0\nflags\t\t: fpu sse sse2 avx fma avx2 bmi2\nbogomips\t: 5000\n"
        XCTAssertEqual(CPUCheck.missing(cpuinfo: zen3), [])
        let sandyBridge = "processor\t: 0\nflags\t\t: fpu sse sse2 avx avx512f\n"
        XCTAssertEqual(CPUCheck.missing(cpuinfo: sandyBridge), ["avx2", "fma"])
        XCTAssertEqual(CPUCheck.missing(cpuinfo: "flags\t: sse fma4 avx2\n"), ["fma"])
    }

    func testRunsWhenTheCPUCannotBeInspected() {
        XCTAssertEqual(CPUCheck.missing(cpuinfo: ""), [])
    }

    func testThisMachinePasses() {
        XCTAssertNil(CPUCheck.refusal())
    }
}
