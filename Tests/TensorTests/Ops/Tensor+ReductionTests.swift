import Tensor
import Testing
import TestSupport

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
        checkGradient("max axis 2 of rank 4", shapes: [[2, 2, 3, 2]]) { $0[0].max(axis: 2) }
        checkGradient("min axis 1", shapes: [[3, 4]]) { $0[0].min(axis: 1) }
        checkGradient("min axis -1 keepDims rank 4", shapes: [[2, 1, 2, 3]]) { $0[0].min(axis: -1, keepDims: true) }
        checkGradient("sum axis 3 of rank 4", shapes: [[2, 2, 2, 3]]) { $0[0].sum(axis: 3) }
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
        expectClose(m.min(axis: 1).data, [1, 4])
        expectClose(m.min(axis: 0).data, [1, 2, 3])
        let r4 = Tensor((0..<16).map(Float.init), shape: [2, 2, 2, 2])
        #expect(r4.sum(axis: 1).shape == [2, 2, 2])
        expectClose(r4.sum(axis: 1).data, [4, 6, 8, 10, 20, 22, 24, 26])
    }
}
