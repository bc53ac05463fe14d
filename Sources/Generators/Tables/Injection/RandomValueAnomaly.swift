import Datasets
import Randomness

/// `random_value`: one uniformly drawn categorical column set to a uniformly drawn other value
/// (unchanged when the column has a single value).
enum RandomValueAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.categorical
    static let definition = "one categorical column set to a uniformly chosen other value"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        let c = context.randomCategoricalColumn(&values)
        let cardinality = table.columns[c].cardinality
        if cardinality > 1 {
            let current = table.columns[c].code(row)
            var other = Int32(values.uniformInt(below: cardinality - 1))
            if other >= current { other += 1 }
            table.columns[c].setCode(other, row)
        }
    }
}
