/// How far a detector's scores carry from one machine to another (the README's "Randomness and
/// determinism"). Every detector gives the same bytes for the same dataset, parameters and seed
/// when run again on the same machine with the same OpenBLAS kernel set and thread count.
public enum Reproducibility: String, Sendable, CaseIterable {
    /// The same scores on any machine, up to the last bits of double-precision BLAS and libm
    /// results (which can reorder exact ties only): its metrics are the same everywhere.
    case portable
    /// Trained by stochastic optimisation in Float32: OpenBLAS's `sgemm` kernels (chosen per CPU)
    /// and its thread count change the last bit of a product, and training amplifies it, so
    /// another kernel set or thread count gives a different run, as another seed would. Only the
    /// distribution over seeds carries across machines; gate the mean of several runs.
    case machineDependent = "machine-dependent"
}
