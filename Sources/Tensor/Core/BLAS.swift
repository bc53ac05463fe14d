import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The OpenBLAS library behind every ``Tensor/matmul(_:)``: which kernel set it chose and how
/// many threads it uses.
///
/// Two facts measured on this project's 2-core VM (see the README's Performance section):
/// - OpenBLAS 0.3.21 (Debian 12) does not recognise some recent virtual CPUs and falls back to
///   its `Prescott` (SSE3) kernels; the kernel set is fixed when the library loads, so the only
///   remedy is the environment variable `OPENBLAS_CORETYPE` (e.g. `Haswell`, `SkylakeX`) set
///   before the process starts. ``coreName`` shows the choice.
/// - For the small products of the neural detectors (batch 1024, widths ≤ 128), one BLAS thread
///   is faster than two whenever the machine has other work, because OpenBLAS's idle threads
///   spin on `sched_yield`.
public enum BLAS {
    /// OpenBLAS's kernel set, e.g. `"Haswell"`, `"SkylakeX"`, `"Prescott"`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's thread count (process-wide).
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(Swift.max(1, newValue))) }
    }

    /// The `OPENBLAS_CORETYPE` worth setting when OpenBLAS fell back to its SSE3 `Prescott`
    /// kernels on a CPU that has better ones (from the `flags` line of `/proc/cpuinfo`):
    /// `"SkylakeX"` with AVX-512 F/BW/VL, `"Haswell"` with AVX2 + FMA; `nil` when the detected
    /// kernels are already fine or nothing better is known. A launcher can set the variable and
    /// re-execute itself, since OpenBLAS reads it only when it is loaded.
    public static var recommendedCoreType: String? {
        guard coreName.lowercased() == "prescott" else { return nil }
        let flags = Set(cpuFlags())
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The first `flags` line of `/proc/cpuinfo`, split on spaces (empty if unreadable).
    static func cpuFlags() -> [Substring] {
        #if canImport(Glibc)
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                return text.split(separator: ":", maxSplits: 1).last?.split(whereSeparator: { $0 == " " || $0 == "\n" }) ?? []
            }
        }
        #endif
        return []
    }
}
