import Testing
@testable import Evaluation

/// The labels' kind column: one code per row, each kind once.
@Suite struct KindColumnTests {
    @Test("rows keep their kinds; each distinct kind is stored once, in order of first appearance")
    func codesAndNames() {
        let column = KindColumn(["", "spike", "", "drift", "spike"])
        #expect(column.count == 5)
        #expect(column.names == ["", "spike", "drift"])
        #expect(column.codes == [0, 1, 0, 2, 1])
        #expect((0..<5).map { column[$0] } == ["", "spike", "", "drift", "spike"])
    }

    @Test("appending another column (one dataset per series) maps its kinds onto ours")
    func appendingRemapsCodes() {
        var column = KindColumn(["", "spike"])
        column.append(contentsOf: KindColumn(["drift", "", "spike", "drift"]))
        #expect(column.names == ["", "spike", "drift"])
        #expect(column == KindColumn(["", "spike", "drift", "", "spike", "drift"]))
    }
}
