import DataIO
import Foundation
import Testing

@Suite struct HexTests {
    @Test func twoLowercaseDigitsPerByteMostSignificantFirst() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xa0, 0xff, 0x5c]) == "000fa0ff5c")
        #expect(Hex.lowercase([UInt8]()) == "")
        #expect(Hex.lowercase((0...255).map(UInt8.init)) == (0...255).map { String(format: "%02x", $0) }.joined())
    }
}
