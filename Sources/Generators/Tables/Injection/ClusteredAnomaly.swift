import Datasets
import Randomness

/// `clustered` (ADBench, mean scaled by 5): c + 0.25·(x₁ − μ) in every numeric column around
/// one center c = μ + 5·(x_c − μ), x_c drawn once per injection; a tight cluster away from the
/// data. No draws per row.
enum ClusteredAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.numeric
    static let definition = "c + 0.25(x1 - mu) around one center c = mu + 5(xc - mu) (ADBench clustered: mean scaled by 5, one component)"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        for c in context.numericColumns {
            let m = context.mean[c]
            let center = m + 5 * (table.columns[c].number(context.clusterCenterRow) - m)
            table.columns[c].setNumber(center + 0.25 * (table.columns[c].number(base) - m), row)
        }
    }
}
