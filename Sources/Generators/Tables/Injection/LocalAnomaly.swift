import Datasets
import Randomness

/// `local` (ADBench, α = 5): μ + √5·(x₁ − μ) in every numeric column, the normal data's
/// covariance scaled by 5; no draws.
enum LocalAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.numeric
    static let definition = "mu + sqrt(5)(x1 - mu) for a random normal training row x1 (ADBench local: covariance x5, one component)"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        for c in context.numericColumns {
            let m = context.mean[c]
            table.columns[c].setNumber(m + 5.0.squareRoot() * (table.columns[c].number(base) - m), row)
        }
    }
}
