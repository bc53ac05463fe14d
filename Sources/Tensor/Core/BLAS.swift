import CBLAS

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
}
