import Foundation

/// Picks the OpenBLAS kernel for this CPU from its instruction-set flags.
///
/// Debian's OpenBLAS does not recognise some recent CPUs and then runs its slowest (SSE3)
/// kernel, five times slower than the AVX-512 one; the kernel can only be chosen through
/// `OPENBLAS_CORETYPE` before the library is loaded.
public enum CPUFeatures {
    /// The instruction-set flags of the first CPU in `/proc/cpuinfo` (empty when unreadable).
    public static func flags(cpuinfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> Set<String> {
        guard let cpuinfo else { return [] }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// The fastest OpenBLAS core type the flags support, or nil to let OpenBLAS decide.
    public static func openBLASCoreType(flags: Set<String>) -> String? {
        let avx512 = ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
        if avx512.allSatisfy(flags.contains) {
            return flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX"
        }
        if flags.contains("avx2"), flags.contains("fma") { return "Haswell" }
        if flags.contains("avx") { return "Sandybridge" }
        return nil
    }
}
