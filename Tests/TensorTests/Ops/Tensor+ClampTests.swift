import Tensor
import Testing
import TestSupport

@Suite struct TensorClampTests {
    @Test func gradients() {
        // inputs are at least 0.2 from 0, so ±0.1 bounds are away from every input
        checkGradient("clamp both", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].clamped(min: -0.1, max: 0.1) }
        checkGradient("clamp min", shapes: [[3, 4]], domain: .awayFromZero) { $0[0].clamped(min: 0.1) }
        checkGradient("clamp max", shapes: [[2, 2, 2, 2]], domain: .awayFromZero) { $0[0].clamped(max: -0.1) }
    }

    @Test func values() {
        let x = Tensor([-2, -1, 0, 0.5, 1, 3], shape: [6], requiresGrad: true)
        let y = x.clamped(min: -1, max: 1)
        expectClose(y.data, [-1, -1, 0, 0.5, 1, 1])
        y.sum().backward()
        #expect(x.grad == [0, 1, 1, 1, 1, 0])   // bounds included, as in PyTorch
        expectClose(x.clamped(min: 0).data, [0, 0, 0, 0.5, 1, 3])
        expectClose(x.clamped(max: 0).data, [-2, -1, 0, 0, 0, 0])
    }
}
