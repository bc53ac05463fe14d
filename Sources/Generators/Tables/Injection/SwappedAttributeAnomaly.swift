import Datasets
import Randomness

/// `swapped_attribute`: one uniformly drawn categorical column set to its value in another
/// random normal training row: plausible alone, out of context.
enum SwappedAttributeAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.categorical
    static let definition = "one categorical column set to its value in another random normal training row"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        let c = context.randomCategoricalColumn(&values)
        table.columns[c].copyValue(from: context.randomSource(&values), to: row)
    }
}
