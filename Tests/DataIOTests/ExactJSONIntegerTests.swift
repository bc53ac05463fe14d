import Testing
import DataIO

@Suite struct ExactJSONIntegerTests {
    @Test func isTheLargestIntegerABinary64HoldsWithItsNeighbours() {
        #expect(ExactJSONInteger.largest == 9_007_199_254_740_991)
        #expect(Int(Double(ExactJSONInteger.largest)) == ExactJSONInteger.largest)
        #expect(Double(ExactJSONInteger.largest + 1) == Double(ExactJSONInteger.largest + 2))   // past it, two counts are one number
    }
}
