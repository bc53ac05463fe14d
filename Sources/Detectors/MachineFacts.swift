import CBLAS
import Foundation
import Tensor

/// The facts about this machine that decide whether a detector's numbers can be reproduced
/// elsewhere (``Reproducibility``): the CPU, and the OpenBLAS build, kernel set and thread count.
/// `toolkit check` prints them beside its table and in its JUnit report, so a failure on a CI
/// runner can be read without access to the runner.
public struct MachineFacts: Sendable, Equatable {
    /// `model name` of `/proc/cpuinfo` (`unknown` when unreadable).
    public var cpu: String
    /// `vendor_id` of `/proc/cpuinfo` (`GenuineIntel`, `AuthenticAMD`, ...).
    public var vendor: String
    public var logicalCPUs: Int
    /// OpenBLAS's build configuration (`OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ... MAX_THREADS=64`).
    public var blasConfig: String
    /// The kernel set OpenBLAS chose when it was loaded (`Haswell`, `Zen`, `SkylakeX`, `Prescott`).
    public var blasKernel: String
    public var blasThreads: Int
    /// `OPENBLAS_CORETYPE` and `OPENBLAS_NUM_THREADS` as set in the environment (nil when unset).
    public var coreTypeVariable: String?
    public var threadsVariable: String?

    public static func current() -> MachineFacts {
        let environment = ProcessInfo.processInfo.environment
        let info = cpuInfo()
        return MachineFacts(
            cpu: info["model name"] ?? "unknown", vendor: info["vendor_id"] ?? "unknown",
            logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
            blasConfig: openblas_get_config().map { String(cString: $0) } ?? "unknown",
            blasKernel: BLAS.coreName, blasThreads: BLAS.threadCount,
            coreTypeVariable: environment["OPENBLAS_CORETYPE"], threadsVariable: environment["OPENBLAS_NUM_THREADS"])
    }

    /// One line: `Intel(R) Xeon(R) Processor (GenuineIntel, 2 CPUs); OpenBLAS kernel Prescott,
    /// 2 threads (OpenBLAS 0.3.21 ...; OPENBLAS_CORETYPE unset, OPENBLAS_NUM_THREADS unset)`.
    public var summary: String {
        "\(cpu) (\(vendor), \(logicalCPUs) CPUs); OpenBLAS kernel \(blasKernel), \(blasThreads) thread\(blasThreads == 1 ? "" : "s") "
            + "(\(blasConfig); OPENBLAS_CORETYPE \(coreTypeVariable ?? "unset"), OPENBLAS_NUM_THREADS \(threadsVariable ?? "unset"))"
    }

    /// What results of machine-dependent detectors depend on here and now, for naming cached
    /// files: `Prescott-t2` (the kernel set and the BLAS thread count).
    public static var resultTag: String { "\(BLAS.coreName)-t\(BLAS.threadCount)" }

    /// The facts as (name, value) pairs, for reports.
    public var properties: [(String, String)] {
        [("cpu", cpu), ("cpu_vendor", vendor), ("logical_cpus", String(logicalCPUs)), ("blas", blasConfig),
         ("blas_kernel", blasKernel), ("blas_threads", String(blasThreads)),
         ("OPENBLAS_CORETYPE", coreTypeVariable ?? ""), ("OPENBLAS_NUM_THREADS", threadsVariable ?? "")]
    }

    /// The first value of each `key : value` line of `/proc/cpuinfo`.
    static func cpuInfo() -> [String: String] {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            if out[key] == nil { out[key] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return out
    }
}
