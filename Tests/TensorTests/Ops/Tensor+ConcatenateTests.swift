import Tensor
import Testing
import TestSupport

@Suite struct TensorConcatenateTests {
    @Test func gradients() {
        checkGradient("concatenate axis 0", shapes: [[2, 3], [1, 3], [3, 3]]) { Tensor.concatenate($0, axis: 0) }
        checkGradient("concatenate axis 1", shapes: [[2, 3, 2], [2, 1, 2]]) { Tensor.concatenate($0, axis: 1) }
        checkGradient("concatenate axis -1 rank 4", shapes: [[2, 2, 1, 3], [2, 2, 1, 2]]) { Tensor.concatenate($0, axis: -1) }
        checkGradient("concatenate the same tensor twice", shapes: [[2, 3]]) { Tensor.concatenate([$0[0], $0[0]], axis: 1) }
        checkGradient("stack axis 0", shapes: [[2, 3], [2, 3]]) { Tensor.stack($0, axis: 0) }
        checkGradient("stack axis 1", shapes: [[2, 3], [2, 3], [2, 3]]) { Tensor.stack($0, axis: 1) }
        checkGradient("stack axis -1", shapes: [[2, 3], [2, 3]]) { Tensor.stack($0, axis: -1) }
    }

    @Test func values() {
        let a = Tensor([1, 2, 3, 4], shape: [2, 2]), b = Tensor([5, 6], shape: [2, 1])
        let rows = Tensor.concatenate([a, Tensor([7, 8], shape: [1, 2])], axis: 0)
        #expect(rows.shape == [3, 2])
        expectClose(rows.data, [1, 2, 3, 4, 7, 8])
        let columns = Tensor.concatenate([a, b], axis: 1)
        #expect(columns.shape == [2, 3])
        expectClose(columns.data, [1, 2, 5, 3, 4, 6])
        // an empty part is allowed
        expectClose(Tensor.concatenate([a, Tensor.zeros([2, 0])], axis: -1).data, a.data)
        // [B, T, F₁] ⧺ [B, T, F₂]: a BiLSTM's two directions
        let fw = Tensor((0..<12).map(Float.init), shape: [2, 3, 2]), bw = Tensor((0..<6).map { -Float($0) }, shape: [2, 3, 1])
        let both = Tensor.concatenate([fw, bw], axis: 2)
        #expect(both.shape == [2, 3, 3])
        expectClose(Array(both.data[0..<6]), [0, 1, 0, 2, 3, -1])

        let s0 = Tensor.stack([a, a * 10], axis: 0)
        #expect(s0.shape == [2, 2, 2])
        expectClose(s0.data, [1, 2, 3, 4, 10, 20, 30, 40])
        let s2 = Tensor.stack([a, a * 10], axis: 2)
        #expect(s2.shape == [2, 2, 2])
        expectClose(s2.data, [1, 10, 2, 20, 3, 30, 4, 40])
        let scalars = Tensor.stack([Tensor(scalar: 1), Tensor(scalar: 2)])
        #expect(scalars.shape == [2])
    }

    @Test func mismatchedShapesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.concatenate([Tensor.zeros([2, 3]), Tensor.zeros([3, 3])], axis: 1)
        }
        await #expect(processExitsWith: .failure) {
            _ = Tensor.stack([Tensor.zeros([2, 3]), Tensor.zeros([3, 2])])
        }
    }
}
