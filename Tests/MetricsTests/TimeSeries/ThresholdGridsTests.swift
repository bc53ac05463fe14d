import Testing
@testable import Metrics

@Suite struct ThresholdGridsTests {
    @Test("positions are numpy's linspace(0, n-1, 250).astype(int), not the exact floor")
    func positions() {
        let g = ThresholdGrid.positions(count: 1024)
        #expect(g.count == 250)
        #expect(g[83] == 340)  // 83 * fl(1023/249) = 340.99999999999994
        #expect(g.first == 0 && g.last == 1023)
        #expect(ThresholdGrid.positions(count: 1) == [Int](repeating: 0, count: 250))
        #expect(ThresholdGrid.positions(count: 2).filter { $0 == 1 }.count == 1)
        // n ≤ 250 visits every position.
        #expect(Set(ThresholdGrid.positions(count: 100)) == Set(0..<100))
    }

    @Test("linspace: numpy's two formulas, constant scores all at lo, last exactly hi")
    func linspace() {
        let v = ThresholdGrid.linspace(0.1, 0.7, count: 100)
        #expect(v.count == 100 && v[0] == 0.1 && v[99] == 0.7)
        #expect(v[37] == 37 * (0.6 / 99) + 0.1 || v[37] == 37 * ((0.7 - 0.1) / 99) + 0.1)
        #expect(ThresholdGrid.linspace(3, 3, count: 100).allSatisfy { $0 == 3 })
    }
}
