import Testing
@testable import Evaluation

@Suite struct IdColumnTests {
    @Test func nonIntegerIdsSwitchToText() throws {
        var column = IdColumn()
        for id in ["1", "2", "a-3", "04"] { var s = id; s.withUTF8 { column.append(UnsafeRawBufferPointer($0)) } }
        #expect(!column.isInteger)
        #expect((0..<4).map(column.string) == ["1", "2", "a-3", "04"])
    }
}
