import Tensor
import Testing
import TestSupport

@Suite struct TensorExpandTests {
    @Test func gradients() {
        checkGradient("expand [3,1] → [3,4]", shapes: [[3, 1]]) { $0[0].expanded(to: [3, 4]) }
        checkGradient("expand [4] → [2,3,4]", shapes: [[4]]) { $0[0].expanded(to: [2, 3, 4]) }
        checkGradient("expand [2,1,3,1] → [2,2,3,2]", shapes: [[2, 1, 3, 1]]) { $0[0].expanded(to: [2, 2, 3, 2]) }
        checkGradient("expand scalar", shapes: [[]]) { $0[0].expanded(to: [2, 3]) }
    }

    @Test func values() {
        let column = Tensor([1, 2], shape: [2, 1])
        expectClose(column.expanded(to: [2, 3]).data, [1, 1, 1, 2, 2, 2])
        let row = Tensor([1, 2, 3], shape: [3])
        let e = row.expanded(to: [2, 1, 3])
        #expect(e.shape == [2, 1, 3])
        expectClose(e.data, [1, 2, 3, 1, 2, 3])
        expectClose(Tensor([5], shape: [1, 1, 1, 1]).expanded(to: [1, 2, 1, 2]).data, [5, 5, 5, 5])
        #expect(Tensor.broadcastShape([2, 1, 4], [3, 1]) == [2, 3, 4])
        // gradient sums back over the expanded axes
        let x = Tensor([1, 2], shape: [2, 1], requiresGrad: true)
        x.expanded(to: [2, 3]).sum().backward()
        #expect(x.grad == [3, 3])
    }

    @Test func incompatibleTargetStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 3]).expanded(to: [2, 4])
        }
    }
}
