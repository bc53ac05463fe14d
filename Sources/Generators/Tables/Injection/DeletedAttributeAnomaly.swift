import Datasets
import Randomness

/// `deleted_attribute`: one uniformly drawn categorical column set to a new value `<deleted>`
/// (added to the column the first time): a record lost upstream.
enum DeletedAttributeAnomaly: InjectedAnomaly {
    static let columns = InjectedColumns.categorical
    static let definition = "one categorical column set to the new value <deleted>"

    static func inject(row: Int, base: Int, table: inout Table, context: inout InjectionContext,
                       values: inout Xoshiro256StarStar) {
        let c = context.randomCategoricalColumn(&values)
        let code = context.deletedCode[c] ?? table.columns[c].appendValue("<deleted>")
        context.deletedCode[c] = code
        table.columns[c].setCode(code, row)
    }
}
