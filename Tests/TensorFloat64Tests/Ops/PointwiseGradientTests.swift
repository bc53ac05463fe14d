import TensorFloat64
import Testing

/// Elementwise functions, arithmetic with broadcasting, clamping, maximum/minimum and `where`.
@Suite struct PointwiseGradientTests {
    @Test func unary() {
        checkGradient("neg", shapes: [[3, 4]]) { -$0[0] }
        checkGradient("exp", shapes: [[3, 4]]) { $0[0].exp() }
        checkGradient("log", shapes: [[3, 4]], domain: .positive) { $0[0].log() }
        checkGradient("sqrt", shapes: [[3, 4]], domain: .positive) { $0[0].sqrt() }
        checkGradient("pow 2", shapes: [[3, 4]]) { $0[0].pow(2) }
        checkGradient("pow 3", shapes: [[3, 4]]) { $0[0].pow(3) }
        checkGradient("pow -1.5", shapes: [[3, 4]], domain: .positive) { $0[0].pow(-1.5) }
        checkGradient("abs", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].abs() }
        checkGradient("relu", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].relu() }
        checkGradient("leakyRelu", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].leakyRelu(slope: 0.2) }
        checkGradient("tanh", shapes: [[3, 4]]) { $0[0].tanh() }
        checkGradient("sigmoid", shapes: [[3, 4]]) { $0[0].sigmoid() }
        checkGradient("sigmoid far out", shapes: [[3, 4]]) { ($0[0] * 8).sigmoid() }
        checkGradient("softplus", shapes: [[3, 4]]) { $0[0].softplus() }
        checkGradient("softplus far out", shapes: [[3, 4]]) { ($0[0] * 8).softplus() }
    }

    @Test func arithmetic() {
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
        checkGradient("scalar ops", shapes: [[3, 4]], domain: .awayFromZero) { 2 - $0[0] * 3 + 1 / $0[0] }
        checkGradient("reuse x·x", shapes: [[3, 4]]) { $0[0] * $0[0] }
    }

    @Test func broadcastingAtHigherRanks() {
        checkGradient("add [2,3,2,5] + [5]", shapes: [[2, 3, 2, 5], [5]]) { $0[0] + $0[1] }
        checkGradient("mul [2,1,3,1] ⊙ [1,2,1,3]", shapes: [[2, 1, 3, 1], [1, 2, 1, 3]]) { $0[0] * $0[1] }
        checkGradient("div [2,2,3,2] / [2,1,1,2]", shapes: [[2, 2, 3, 2], [2, 1, 1, 2]], domain: .awayFromZero) { $0[0] / $0[1] }
        checkGradient("sub rank 5", shapes: [[2, 1, 2, 1, 2], [2, 1, 2, 1]]) { $0[0] - $0[1] }
    }

    /// Inputs at least 0.2 from 0, so the ±0.1 bounds are away from every input.
    @Test func clamp() {
        checkGradient("clamp both", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].clamped(min: -0.1, max: 0.1) }
        checkGradient("clamp min", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].clamped(min: 0.1) }
        checkGradient("clamp max", shapes: [[2, 2, 2, 2]], domain: .awayFromZero) { $0[0].clamped(max: -0.1) }
    }

    /// The inputs are `x` and `x + d` with `|d| ≥ 0.2`, so no finite difference straddles a tie.
    @Test func maximumAndMinimum() {
        checkGradient("maximum", shapes: [[3, 4], [3, 4]], domain: .awayFromZero) { Tensor.maximum($0[0], $0[0] + $0[1]) }
        checkGradient("maximum row broadcast", shapes: [[3, 4], [4]], domain: .awayFromZero) {
            Tensor.maximum($0[0] + $0[1], $0[0])
        }
        checkGradient("minimum column broadcast", shapes: [[3, 1], [3, 4]], domain: .awayFromZero) {
            Tensor.minimum($0[0], $0[0] + $0[1])
        }
        checkGradient("minimum rank 4", shapes: [[2, 1, 2, 3], [2, 2, 1, 3]], domain: .awayFromZero) {
            Tensor.minimum($0[0] + $0[1], $0[0])
        }
        checkGradient("maximum with a constant", shapes: [[3, 4]], domain: .awayFromZero) { Tensor.maximum($0[0], 0) }
        checkGradient("minimum with a constant", shapes: [[3, 4]], domain: .awayFromZero) { Tensor.minimum($0[0], 0) }
    }

    @Test func select() {
        let flags = (0..<12).map { $0 % 3 != 1 }
        checkGradient("where [Bool]", shapes: [[3, 4], [3, 4]]) { Tensor.where(flags, $0[0], $0[1]) }
        checkGradient("where [Bool] broadcast b", shapes: [[3, 4], [4]]) { Tensor.where(flags, $0[0], $0[1]) }
        let mask = Tensor([1, 0, 1], shape: [3, 1])
        checkGradient("where mask broadcast", shapes: [[3, 4], []]) { Tensor.where(mask, $0[0], $0[1]) }
        let mask4 = Tensor([1, 0, 0, 1], shape: [2, 1, 1, 2])
        checkGradient("where rank 4", shapes: [[2, 2, 2, 2], [1, 2, 1, 2]]) { Tensor.where(mask4, $0[0], $0[1]) }
    }
}
