import Datasets
import Randomness

/// `dependency` (ADBench): every column from a different random normal training row (one draw
/// per column, in column order): each marginal is kept, the dependencies between columns broken.
enum DependencyAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.any
    static let definition = "every column from a different random normal training row (ADBench dependency: marginals kept, dependencies broken)"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        for c in table.columns.indices {
            table.columns[c].copyValue(from: context.randomSource(&values), to: row)
        }
    }
}
