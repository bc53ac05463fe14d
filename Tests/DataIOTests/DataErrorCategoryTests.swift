import Testing
@testable import DataIO

@Suite struct DataErrorCategoryTests {
    /// The README's exit codes: 2 a usage or data error (an unwritable output included); 1 an
    /// internal error.
    @Test func exitCodes() {
        #expect(DataError.Category.usage.exitCode == 2)
        #expect(DataError.Category.data.exitCode == 2)
        #expect(DataError.Category.output.exitCode == 2)
        #expect(DataError.Category.internal.exitCode == 1)
    }

    @Test func everyCategoryHasACode() {
        for category in DataError.Category.allCases {
            #expect(DataError.Code.allCases.contains { $0.category == category }, "\(category)")
        }
    }
}
