/// How a detector's work grows with the rows it is given, as a hint for engines that schedule
/// many runs at once (`toolkit bench --plan` records it per unit; `ray_run_plan.py` starts the
/// `superlinear` units first so that two workers finish together, not one long run alone at the
/// end). A hint for ordering only: it changes no result.
public enum WorkGrowth: String, Codable, Sendable, CaseIterable {
    /// A pass or a few over the rows (or a fixed subsample): `iforest`, `pca`, `hbos`.
    case linear
    /// Faster than the rows: pairwise distances or kernels (`knn`, `ocsvm`), or training
    /// epochs and EM iterations (the neural detectors, `gmm`).
    case superlinear
}
