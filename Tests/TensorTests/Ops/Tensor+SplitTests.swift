import Tensor
import Testing
import TestSupport

@Suite struct TensorSplitTests {
    @Test func gradients() {
        checkGradient("split sizes, both pieces used", shapes: [[3, 5]]) { x in
            let parts = x[0].split(sizes: [2, 3], axis: 1)
            return Tensor.concatenate([parts[1], parts[0] * parts[0]], axis: 1)
        }
        checkGradient("chunk, one piece used", shapes: [[5, 2]]) { $0[0].chunk(3, axis: 0)[1] }
        checkGradient("unstacked then stacked", shapes: [[2, 3, 2]]) { x in
            Tensor.stack(x[0].unstacked(axis: 1).reversed(), axis: 0)
        }
    }

    @Test func values() {
        let x = Tensor((0..<10).map(Float.init), shape: [2, 5])
        let halves = x.split(sizes: [2, 3], axis: -1)
        #expect(halves.map(\.shape) == [[2, 2], [2, 3]])
        expectClose(halves[0].data, [0, 1, 5, 6])
        expectClose(halves[1].data, [2, 3, 4, 7, 8, 9])
        // torch.chunk: ⌈5/4⌉ = 2 per piece, so only 3 pieces
        #expect(x.chunk(4, axis: 1).map(\.shape) == [[2, 2], [2, 2], [2, 1]])
        #expect(x.chunk(2, axis: 0).map(\.shape) == [[1, 5], [1, 5]])
        let steps = Tensor((0..<12).map(Float.init), shape: [2, 3, 2]).unstacked(axis: 1)
        #expect(steps.count == 3 && steps.allSatisfy { $0.shape == [2, 2] })
        expectClose(steps[1].data, [2, 3, 8, 9])
    }

    @Test func sizesThatDoNotAddUpStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 5]).split(sizes: [2, 2], axis: 1)
        }
    }
}
