import Tensor
import Testing
import TestSupport

@Suite struct LossTests {
    @Test func gradients() {
        checkGradient("mse", shapes: [[3, 4], [3, 4]]) { Loss.mse($0[0], $0[1]) }
        checkGradient("l1 prediction", shapes: [[3, 4]], domain: .awayFromZero) { Loss.l1($0[0], Tensor.zeros([3, 4])) }
        checkGradient("l1 target", shapes: [[3, 4]], domain: .awayFromZero) { Loss.l1(Tensor.zeros([3, 4]), $0[0]) }
        checkGradient("bce with logits", shapes: [[3, 4]], domain: .awayFromZero) {
            Loss.binaryCrossEntropyWithLogits($0[0] * 3, Tensor((0..<12).map { Float($0 % 2) }, shape: [3, 4]))
        }
        checkGradient("gaussian KL", shapes: [[3, 2], [3, 2]]) { Loss.gaussianKL(mean: $0[0], logVariance: $0[1]) }
        checkGradient("laplace NLL", shapes: [[3, 4], [3, 4], [4]], domain: .awayFromZero) {
            Loss.laplaceNegativeLogLikelihood($0[0], $0[1] * 2, logScale: $0[2])
        }
    }

    @Test func values() {
        let a = Tensor([1, 2, 3, 4], shape: [2, 2]), b = Tensor([1, 0, 3, 0], shape: [2, 2])
        expectClose(Loss.mse(a, b).data, [5])           // (0 + 4 + 0 + 16) / 4
        expectClose(Loss.l1(a, b).data, [1.5])
        // torch BCEWithLogits([-100, 0, 100], [1, 0.5, 0]) = (100 + 0.6931472 + 100) / 3
        let z = Tensor([-100, 0, 100], shape: [3]), y = Tensor([1, 0.5, 0], shape: [3])
        expectClose(Loss.binaryCrossEntropyWithLogits(z, y).data, [66.897716], tolerance: 1e-3)
        // KL(N(1, e) ‖ N(0, 1)) = −½(1 + 1 − 1 − e) per element, 2 elements, 1 row
        let kl = Loss.gaussianKL(mean: Tensor([1, 1], shape: [1, 2]), logVariance: Tensor([1, 1], shape: [1, 2]))
        expectClose(kl.data, [Float(2.7182817 - 1)])
        // Laplace(0, b = 1) at y = 1: log 2 + 1
        let nll = Loss.laplaceNegativeLogLikelihood(Tensor([0], shape: [1]), Tensor([1], shape: [1]),
                                                    logScale: Tensor(scalar: 0))
        expectClose(nll.data, [1.6931472])
    }
}
