import XCTest
@testable import Tensor

/// The AVX-512 check reads /proc/cpuinfo's flags: the AVX-512 kernels must never be chosen on
/// a CPU that lacks one of the subsets they are compiled for.
final class CPUFeaturesTests: XCTestCase {
    private let zen3 = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse2 avx avx2 fma bmi2\n"
    private let zen4 = "model name\t: AMD EPYC 9B14\nflags\t\t: fpu avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16\n"

    func testAVX512NeedsEverySubset() {
        let wanted = CPUFeatures.avx512Flags
        XCTAssertTrue(CPUFeatures.hasAll(wanted, in: CPUFeatures.flags(fromCPUInfo: zen4)))
        XCTAssertFalse(CPUFeatures.hasAll(wanted, in: CPUFeatures.flags(fromCPUInfo: zen3)))
        // A Knights Landing style set (F and CD, no BW/DQ/VL) is not enough.
        let knl = "flags\t: avx2 fma avx512f avx512cd avx512er avx512pf\n"
        XCTAssertFalse(CPUFeatures.hasAll(wanted, in: CPUFeatures.flags(fromCPUInfo: knl)))
        XCTAssertFalse(CPUFeatures.hasAll(wanted, in: CPUFeatures.flags(fromCPUInfo: "")))
    }

    func testNoFlagIsPrefixMatched() {
        // "avx512f" must not be found inside "avx512fp16" alone.
        let flags = CPUFeatures.flags(fromCPUInfo: "flags\t: avx512fp16 avx512cd avx512bw avx512dq avx512vl\n")
        XCTAssertFalse(CPUFeatures.hasAll(CPUFeatures.avx512Flags, in: flags))
    }

    func testThisMachineAgreesWithProcCPUInfo() throws {
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }))
        XCTAssertEqual(CPUFeatures.avx512, ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(words.contains))
    }
}
