import Tensor
import Testing
import TestSupport

@Suite struct TensorMaximumTests {
    /// The inputs are `x` and `x + d` with `|d| ≥ 0.2`, so no finite difference straddles a tie
    /// and the gradient must reach `d` exactly where `x + d` wins.
    @Test func gradients() {
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
    }

    @Test func valuesAndTies() {
        let a = Tensor([1, 5, 3, -2], shape: [4], requiresGrad: true)
        let b = Tensor([2, 5, 1, -3], shape: [4], requiresGrad: true)
        let y = Tensor.maximum(a, b)
        expectClose(y.data, [2, 5, 3, -2])
        y.sum().backward()
        #expect(a.grad == [0, 0.5, 1, 1])   // the tie splits evenly (PyTorch)
        #expect(b.grad == [1, 0.5, 0, 0])
        a.zeroGrad(); b.zeroGrad()
        let z = Tensor.minimum(a, b)
        expectClose(z.data, [1, 5, 1, -3])
        z.sum().backward()
        #expect(a.grad == [1, 0.5, 0, 0])
        #expect(b.grad == [0, 0.5, 1, 1])
        // a broadcast scalar collects the gradient of every element where it wins
        let floor = Tensor(scalar: 0)
        let r = Tensor([-1, 2, -3], shape: [3])
        expectClose(Tensor.maximum(r, floor).data, [0, 2, 0])
        // NaN propagates from either side
        let withNaN = Tensor.maximum(Tensor([.nan, 1], shape: [2]), Tensor([1, .nan], shape: [2]))
        #expect(withNaN.data.allSatisfy { $0.isNaN })
    }
}
