import Datasets
import Randomness
import Recipe

/// One kind of injected anomaly (a table recipe's `generator.inject.kinds`, documented for
/// recipe writers on ``TableSpec/InjectedKind``): how it rewrites a normal row of the injected
/// split. Each kind is one file; ``InjectedAnomalyRegistry`` ties the recipe's kind to it.
///
/// ``AnomalyInjection`` has already copied a random normal training row x₁ (`base`) into the
/// row; the kind changes what it changes, drawing only from `values` and always the same number
/// of draws in the same order for a given table, so a seed gives the same rows.
protocol InjectedAnomaly {
    /// The columns the kind changes: a table without any of them cannot take it.
    static var columns: InjectedColumns { get }
    /// One line for the manifest's `anomaly_kinds`.
    static var definition: String { get }
    /// Rewrites `row`, a copy of normal training row `base`.
    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar)
}

/// Which columns an injected anomaly kind changes.
enum InjectedColumns {
    /// Numeric columns (the table must have one).
    case numeric
    /// Categorical columns (the table must have one).
    case categorical
    /// Any columns (every table can take it).
    case any
}
