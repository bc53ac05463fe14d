import Testing
@testable import DataIO

@Suite struct DataErrorCodeTests {
    @Test func rawValuesAreDistinctSnakeCaseStrings() {
        let raw = DataError.Code.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for code in raw {
            #expect(code.allSatisfy { $0 == "_" || ("a"..."z").contains($0) } && !code.hasPrefix("_") && !code.hasSuffix("_"), "\(code)")
        }
    }

    /// The strings users and scripts see stay what they were (`toolkit evaluate` prints them).
    @Test func stableStrings() {
        let expected: [DataError.Code: String] = [
            .usage: "usage", .badCSV: "bad_csv", .duplicateID: "duplicate_id", .unknownID: "unknown_id",
            .infiniteScore: "inf_score", .nanScore: "nan_score", .truncatedInput: "truncated_input",
            .corruptInput: "corrupt_input", .fieldTooLong: "field_too_long", .checksumMismatch: "checksum_mismatch",
            .badCutoff: "bad_cutoff", .badScoreColumn: "bad_score_column", .cannotOpen: "cannot_open",
            .cannotWrite: "cannot_write", .outputExists: "output_exists", .internal: "internal",
        ]
        for (code, string) in expected { #expect(code.rawValue == string) }
    }

    /// `bad_usage` was the same thing as `usage` under another name.
    @Test func badUsageIsMergedIntoUsage() {
        #expect(DataError.Code(rawValue: "bad_usage") == nil)
        #expect(DataError.Code(rawValue: "usage")?.category == .usage)
    }

    @Test func categories() {
        #expect(DataError.Code.usage.category == .usage)
        #expect(DataError.Code.badCutoff.category == .usage)
        #expect(DataError.Code.badHeader.category == .data)
        #expect(DataError.Code.badRecipe.category == .data)
        #expect(DataError.Code.cannotWrite.category == .output)
        #expect(DataError.Code.outputExists.category == .output)
        #expect(DataError.Code.internal.category == .internal)
        #expect(DataError.Code.allCases.filter { $0.category == .internal } == [.internal])
    }

    /// Interpolating a code shows its string, not the Swift case name.
    @Test func descriptionIsTheRawValue() {
        for code in DataError.Code.allCases {
            #expect("\(code)" == code.rawValue)
        }
    }
}
