import Tensor
import Testing

@Suite struct TensorReductionTests {
    @Test func gradients() {
        checkGradient("sum", shapes: [[3, 4]]) { $0[0].sum() }
        checkGradient("sum axis 0", shapes: [[3, 4]]) { $0[0].sum(axis: 0) }
        checkGradient("sum axis 1 keepDims", shapes: [[3, 4]]) { $0[0].sum(axis: 1, keepDims: true) }
        checkGradient("sum axis 1 of rank 3", shapes: [[2, 3, 4]]) { $0[0].sum(axis: 1) }
        checkGradient("mean", shapes: [[3, 4]]) { $0[0].mean() }
        checkGradient("mean axis -1", shapes: [[3, 4]]) { $0[0].mean(axis: -1) }
        checkGradient("max axis 1", shapes: [[3, 4]]) { $0[0].max(axis: 1) }
        checkGradient("max axis 0", shapes: [[3, 4]]) { $0[0].max(axis: 0, keepDims: true) }
        checkGradient("x − mean(x, rows)", shapes: [[3, 4]]) { $0[0] - $0[0].mean(axis: 1, keepDims: true) }
    }

    @Test func values() {
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        expectClose(m.sum(axis: 0).data, [5, 7, 9])
        expectClose(m.sum(axis: 1).data, [6, 15])
        #expect(m.sum(axis: 1, keepDims: true).shape == [2, 1])
        #expect(m.sum().shape == [])
        expectClose(m.mean().data, [3.5])
        expectClose(m.max(axis: 1).data, [3, 6])
    }
}
