import Tensor
import Testing
import TestSupport

@Suite struct TensorShapeTests {
    @Test func gradients() {
        checkGradient("reshape", shapes: [[3, 4]]) { $0[0].reshaped([2, 6]) }
        checkGradient("reshape to rank 3", shapes: [[3, 4]]) { $0[0].reshaped([2, 3, 2]) }
        checkGradient("transpose", shapes: [[3, 4]]) { $0[0].transposed() }
        checkGradient("transpose batched", shapes: [[2, 3, 4]]) { $0[0].transposed() }
        checkGradient("transpose rank 4", shapes: [[2, 2, 3, 2]]) { $0[0].transposed() }
        checkGradient("reshape to rank 5", shapes: [[2, 6]]) { $0[0].reshaped([1, 2, 3, 2, 1]) }
        checkGradient("concatColumns", shapes: [[3, 2], [3, 4], [3, 1]]) { Tensor.concatColumns($0) }
        checkGradient("sliceColumns", shapes: [[3, 5]]) { $0[0].sliceColumns(1..<4) }
    }

    @Test func values() {
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        expectClose(m.transposed().data, [1, 4, 2, 5, 3, 6])
        #expect(m.transposed().shape == [3, 2])
        let batched = Tensor(m.data + m.data.map { -$0 }, shape: [2, 2, 3]).transposed()
        #expect(batched.shape == [2, 3, 2])
        expectClose(batched.data, [1, 4, 2, 5, 3, 6, -1, -4, -2, -5, -3, -6])
        expectClose(m.sliceColumns(1..<3).data, [2, 3, 5, 6])
        let r4 = Tensor((0..<12).map(Float.init), shape: [2, 1, 2, 3]).transposed()
        #expect(r4.shape == [2, 1, 3, 2])
        expectClose(r4.data, [0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11])
        // the tiled transpose over more than one tile
        let big = Tensor((0..<(70 * 45)).map(Float.init), shape: [70, 45]).transposed()
        #expect(big.data[45 * 70 - 1] == Float(70 * 45 - 1) && big.data[1] == 45 && big.data[70] == 1)
        expectClose(big.transposed().data, (0..<(70 * 45)).map(Float.init))
        expectClose(Tensor.concatColumns([m, m.sliceColumns(0..<1)]).data, [1, 2, 3, 1, 4, 5, 6, 4])
    }
}
