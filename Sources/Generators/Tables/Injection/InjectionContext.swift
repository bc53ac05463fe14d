import Datasets
import Randomness

/// What the injected anomaly kinds know of the table, computed once per injection from the
/// normal training rows (``AnomalyInjection``), plus the state a kind keeps across rows.
struct InjectionContext {
    /// The normal training rows (values and statistics come from them only).
    let sources: [Int]
    let numericColumns: [Int]
    let categoricalColumns: [Int]
    /// By column (0 for categorical ones): the training mean, and the training range widened by
    /// 10% per side.
    let mean: [Double]
    let low: [Double]
    let high: [Double]
    /// The training row x_c around which `clustered` anomalies gather (drawn once).
    let clusterCenterRow: Int
    /// `deleted_attribute`: the code of the value `<deleted>` added to a column, once per column.
    var deletedCode: [Int: Int32] = [:]

    /// A uniformly drawn normal training row.
    func randomSource(_ values: inout some RandomNumberGenerator) -> Int {
        sources[values.uniformInt(below: sources.count)]
    }

    /// A uniformly drawn categorical column.
    func randomCategoricalColumn(_ values: inout some RandomNumberGenerator) -> Int {
        categoricalColumns[values.uniformInt(below: categoricalColumns.count)]
    }
}
