import Tensor
import Testing
import TestSupport

@Suite struct TensorArithmeticTests {
    @Test func gradients() {
        checkGradient("add", shapes: [[3, 4], [3, 4]]) { $0[0] + $0[1] }
        checkGradient("add row [4]", shapes: [[3, 4], [4]]) { $0[0] + $0[1] }
        checkGradient("add row [1,4]", shapes: [[3, 4], [1, 4]]) { $0[0] + $0[1] }
        checkGradient("add column [3,1]", shapes: [[3, 4], [3, 1]]) { $0[0] + $0[1] }
        checkGradient("add scalar", shapes: [[3, 4], []]) { $0[0] + $0[1] }
        checkGradient("add rank 3 + [4]", shapes: [[2, 3, 4], [4]]) { $0[0] + $0[1] }
        checkGradient("sub", shapes: [[3, 4], [3, 4]]) { $0[0] - $0[1] }
        checkGradient("sub row", shapes: [[3, 4], [4]]) { $0[0] - $0[1] }
        checkGradient("sub from row", shapes: [[4], [3, 4]]) { $0[0] - $0[1] }
        checkGradient("mul", shapes: [[3, 4], [3, 4]]) { $0[0] * $0[1] }
        checkGradient("mul row", shapes: [[3, 4], [1, 4]]) { $0[0] * $0[1] }
        checkGradient("mul scalar", shapes: [[], [3, 4]]) { $0[0] * $0[1] }
        checkGradient("div", shapes: [[3, 4], [3, 4]], domain: .awayFromZero) { $0[0] / $0[1] }
        checkGradient("div row", shapes: [[3, 4], [4]], domain: .awayFromZero) { $0[0] / $0[1] }
        checkGradient("div column", shapes: [[3, 4], [3, 1]], domain: .awayFromZero) { $0[0] / $0[1] }
        checkGradient("float ops", shapes: [[3, 4]], domain: .awayFromZero) { 2 - $0[0] * 3 + 1 / $0[0] }
        checkGradient("reuse x·x", shapes: [[3, 4]]) { $0[0] * $0[0] }
    }

    @Test func broadcastValues() {
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let row = Tensor([10, 20, 30], shape: [3])
        let column = Tensor([100, 200], shape: [2, 1])
        expectClose((m + row).data, [11, 22, 33, 14, 25, 36])
        #expect((m + row).shape == [2, 3])
        expectClose((m * column).data, [100, 200, 300, 800, 1000, 1200])
        expectClose((m - 1).data, [0, 1, 2, 3, 4, 5])
        expectClose((1 / Tensor([2, 4], shape: [2])).data, [0.5, 0.25])
    }
}
