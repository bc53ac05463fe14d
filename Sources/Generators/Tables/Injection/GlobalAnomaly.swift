import Datasets
import Randomness

/// `global` (ADBench, α = 1.1): each numeric column uniform over its training range widened by
/// 10% on each side; one draw per numeric column, in column order.
enum GlobalAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.numeric
    static let definition = "each numeric column uniform over its training range widened by 10% per side (ADBench global, alpha 1.1)"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        for c in context.numericColumns {
            table.columns[c].setNumber(context.low[c] + (context.high[c] - context.low[c]) * values.uniformUnit(), row)
        }
    }
}
