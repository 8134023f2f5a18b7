// The tensor engine (the Tensor target) is compiled for AVX2 and FMA (Package.swift:
// `-target-cpu haswell`), which doubles the width of its transform loops over the x86-64
// baseline. This file is compiled for the baseline, so an older CPU gets a message here
// instead of an illegal-instruction crash somewhere inside a training.
import Foundation

enum CPUCheck {
    /// The instruction set extensions the engine is built for, as /proc/cpuinfo names them.
    static let required = ["avx2", "fma"]

    /// The required flags missing from a /proc/cpuinfo text ([] when it has no flags line,
    /// as on a CPU we cannot inspect: then we let the program run).
    static func missing(cpuinfo: String) -> [String] {
        guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        let flags = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        return required.filter { !flags.contains($0) }
    }

    /// The refusal for a CPU without `missing`, or nil when this CPU can run the engine.
    static func refusal() -> String? {
        #if arch(x86_64)
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let lacking = missing(cpuinfo: text)
        guard !lacking.isEmpty else { return nil }
        return "sgs: this CPU lacks \(lacking.joined(separator: " and ")); this build of sgs needs AVX2 and FMA "
            + "(Intel Haswell, AMD Zen or newer). To run on this CPU, remove the \"-target-cpu\" flag "
            + "from Package.swift and rebuild (docs/performance.md)."
        #else
        return nil
        #endif
    }
}
