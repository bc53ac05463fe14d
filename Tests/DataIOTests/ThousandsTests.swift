import DataIO
import Testing

@Suite struct ThousandsTests {
    @Test("digits in groups of three, the sign kept", arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (12_345, "12,345"), (9_000_000, "9,000,000"),
        (100_020_001, "100,020,001"), (-1250, "-1,250"), (Int.min, "-9,223,372,036,854,775,808"),
    ])
    func grouped(value: Int, text: String) {
        #expect(Thousands.grouped(value) == text)
    }
}
