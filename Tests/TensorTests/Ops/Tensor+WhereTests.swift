import Tensor
import Testing
import TestSupport

@Suite struct TensorWhereTests {
    @Test func gradients() {
        let flags = (0..<12).map { $0 % 3 != 1 }
        checkGradient("where [Bool]", shapes: [[3, 4], [3, 4]]) { Tensor.where(flags, $0[0], $0[1]) }
        checkGradient("where [Bool] broadcast b", shapes: [[3, 4], [4]]) { Tensor.where(flags, $0[0], $0[1]) }
        let mask = Tensor([1, 0, 1], shape: [3, 1])
        checkGradient("where mask broadcast", shapes: [[3, 4], []]) { Tensor.where(mask, $0[0], $0[1]) }
        let mask4 = Tensor([1, 0, 0, 1], shape: [2, 1, 1, 2])
        checkGradient("where rank 4", shapes: [[2, 2, 2, 2], [1, 2, 1, 2]]) { Tensor.where(mask4, $0[0], $0[1]) }
    }

    @Test func values() {
        let scores = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3], requiresGrad: true)
        let valid = Tensor([1, 1, 0], shape: [3])   // a key mask over the last axis
        let masked = Tensor.where(valid, scores, Tensor(scalar: -1e9))
        #expect(masked.shape == [2, 3])
        expectClose(masked.data, [1, 2, -1e9, 4, 5, -1e9])
        masked.sum().backward()
        #expect(scores.grad == [1, 1, 0, 1, 1, 0])
        let fill = Tensor([0], shape: [], requiresGrad: true)
        let picked = Tensor.where([true, false, false, true], Tensor([1, 2, 3, 4], shape: [2, 2]), fill)
        expectClose(picked.data, [1, 0, 0, 4])
        picked.sum().backward()
        #expect(fill.grad == [2])
    }

    @Test func wrongFlagCountStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.where([true, false], Tensor.zeros([3]), Tensor.zeros([3]))
        }
    }
}
