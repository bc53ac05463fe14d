import CArchive
import CBLAS
import CCSV
import CSVM

/// The C libraries the toolkit links, with the versions found at run time.
///
/// `toolkit version` prints these so a bug report or a manifest names exactly what produced a
/// number (OpenBLAS's kernel choice, for one, changes the last bits of dense results).
public enum LinkedLibraries {
    /// One linked library: its name and the version string it reports.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let version: String
    }

    /// libarchive, libcsv, OpenBLAS (with its build configuration and thread count), LAPACKE and
    /// libsvm, in that order.
    public static func all() -> [Entry] {
        let archive = String(cString: archive_version_string())
        let csv = "libcsv \(CSV_MAJOR).\(CSV_MINOR).\(CSV_RELEASE)"
        let blasConfig = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let blas = "\(blasConfig) threads=\(openblas_get_num_threads())"
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0  // lapack_int is a C macro for int
        LAPACKE_ilaver(&major, &minor, &patch)
        let svmVersion = csvm_runtime_version()
        let svm = "libsvm \(svmVersion / 100).\(svmVersion % 100)"
        return [
            Entry(name: "libarchive", version: archive),
            Entry(name: "libcsv", version: csv),
            Entry(name: "OpenBLAS", version: blas),
            Entry(name: "LAPACKE", version: "LAPACK \(major).\(minor).\(patch)"),
            Entry(name: "libsvm", version: svm),
        ]
    }
}
