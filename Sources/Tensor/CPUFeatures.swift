import Glibc

/// What the CPU offers beyond the AVX2 + FMA the engine is compiled for, read once from
/// /proc/cpuinfo's "flags" line. The kernel lists an extension there only when it also saves
/// its registers, so a listed flag is safe to use.
public enum CPUFeatures {
    /// AVX-512 with the subsets AVX512Kernels is compiled for (`-target-cpu skylake-avx512`:
    /// F, CD, BW, DQ, VL). Zen 4 and Zen 5 have them; Zen 3 does not.
    public static let avx512 = hasAll(avx512Flags, in: flags(fromCPUInfo: readCPUInfo()))

    static let avx512Flags = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    /// The flags of a /proc/cpuinfo text (its first "flags" line), empty when there is none.
    static func flags(fromCPUInfo text: String) -> Set<Substring> {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }

    static func hasAll(_ wanted: [String], in flags: Set<Substring>) -> Bool {
        wanted.allSatisfy { flags.contains(Substring($0)) }
    }

    /// The text of /proc/cpuinfo, or "" where it cannot be read (then: no AVX-512).
    private static func readCPUInfo() -> String {
        guard let file = fopen("/proc/cpuinfo", "r") else { return "" }
        defer { fclose(file) }
        var text = ""
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        // The first processor's block is enough: it ends at the first empty line.
        while getline(&line, &capacity, file) > 0, let l = line {
            let s = String(cString: l)
            if s == "\n" { break }
            text += s
        }
        free(line)
        return text
    }
}
