import Randomness
import Testing
@testable import Metrics

/// The hand-written radix sort against the standard library's sort.
@Suite struct RadixSortTests {
    static func values(seed: UInt64, count: Int) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed)
        let specials: [Double] = [0.0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                                  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, 1.0000000000000002, 0.9999999999999999]
        return (0..<count).map { _ in
            switch g.uniformInt(below: 4) {
            case 0: return specials[g.uniformInt(below: specials.count)]
            case 1: return Double(g.uniformInt(below: 50)) - 25
            case 2: return g.standardNormal() * 1e3
            default: return Double(bitPattern: g.next() & ~(0x7FF << 52) | UInt64(g.uniformInt(below: 2046) + 1) << 52)
            }
        }
    }

    @Test("descending radix sort = sorted(by: >) with -0.0 as +0.0", arguments: [0, 1, 2, 255, 256, 257, 3000, 70_000, RadixSort.parallelCount + 1_001])
    func matchesStandardSort(count: Int) {
        let input = Self.values(seed: UInt64(count) + 1, count: count)
        let expected = input.map { $0 + 0.0 }.sorted(by: >)
        let actual = RadixSort.sortedDescending(input)
        #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test("key transform is order-preserving and invertible")
    func keys() {
        let input = Self.values(seed: 5, count: 2000)
        for (a, b) in zip(input, input.dropFirst()) {
            let ka = RadixSort.descendingKey(a), kb = RadixSort.descendingKey(b)
            #expect((a > b) == (ka < kb))
            #expect((a == b) == (ka == kb))
            #expect(RadixSort.value(ofDescendingKey: ka) == a)
        }
    }

    @Test("payload sort is stable and carries the payload", arguments: [100, 5000])
    func payloadStable(count: Int) {
        var g = Xoshiro256StarStar(seed: 77)
        var keys = (0..<count).map { _ in RadixSort.descendingKey(Double(g.uniformInt(below: 40))) }
        var payload = (0..<count).map { UInt32($0) }
        let expected = (0..<count).sorted { (keys[$0], $0) < (keys[$1], $1) }
        var scratchKeys = [UInt64](repeating: 0, count: count)
        var scratchPayload = [UInt32](repeating: 0, count: count)
        let inScratch = RadixSort.sort(keys: &keys, payload: &payload, scratchKeys: &scratchKeys,
                                       scratchPayload: &scratchPayload, count: count)
        let result = inScratch ? scratchPayload : payload
        #expect(result.map(Int.init) == expected)
    }
}
