import Tensor
import Testing

@Suite struct TensorShapeTests {
    @Test func gradients() {
        checkGradient("reshape", shapes: [[3, 4]]) { $0[0].reshaped([2, 6]) }
        checkGradient("reshape to rank 3", shapes: [[3, 4]]) { $0[0].reshaped([2, 3, 2]) }
        checkGradient("transpose", shapes: [[3, 4]]) { $0[0].transposed() }
        checkGradient("transpose batched", shapes: [[2, 3, 4]]) { $0[0].transposed() }
        checkGradient("concatColumns", shapes: [[3, 2], [3, 4], [3, 1]]) { Tensor.concatColumns($0) }
        checkGradient("sliceColumns", shapes: [[3, 5]]) { $0[0].sliceColumns(1..<4) }
        checkGradient("gatherRows with repeats", shapes: [[5, 3]]) { $0[0].gatherRows([4, 0, 4, 2]) }
    }

    @Test func values() {
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        expectClose(m.transposed().data, [1, 4, 2, 5, 3, 6])
        #expect(m.transposed().shape == [3, 2])
        let batched = Tensor(m.data + m.data.map { -$0 }, shape: [2, 2, 3]).transposed()
        #expect(batched.shape == [2, 3, 2])
        expectClose(batched.data, [1, 4, 2, 5, 3, 6, -1, -4, -2, -5, -3, -6])
        expectClose(m.sliceColumns(1..<3).data, [2, 3, 5, 6])
        expectClose(Tensor.concatColumns([m, m.sliceColumns(0..<1)]).data, [1, 2, 3, 1, 4, 5, 6, 4])
        expectClose(m.gatherRows([1, 1, 0]).data, [4, 5, 6, 4, 5, 6, 1, 2, 3])
    }
}
