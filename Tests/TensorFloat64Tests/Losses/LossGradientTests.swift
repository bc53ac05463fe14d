import Randomness
import TensorFloat64
import Testing

/// The losses, alone and on a layer's output (so that the parameters' gradients pass through them).
@Suite struct LossGradientTests {
    @Test func regression() {
        checkGradient("mse", shapes: [[3, 4], [3, 4]]) { Loss.mse($0[0], $0[1]) }
        checkGradient("l1 prediction", shapes: [[3, 4]], domain: .awayFromZero) { Loss.l1($0[0], Tensor.zeros([3, 4])) }
        checkGradient("l1 target", shapes: [[3, 4]], domain: .awayFromZero) { Loss.l1(Tensor.zeros([3, 4]), $0[0]) }
        checkGradient("gaussian KL", shapes: [[3, 2], [3, 2]]) { Loss.gaussianKL(mean: $0[0], logVariance: $0[1]) }
        checkGradient("laplace NLL", shapes: [[3, 4], [3, 4], [4]], domain: .awayFromZero) {
            Loss.laplaceNegativeLogLikelihood($0[0], $0[1] * 2, logScale: $0[2])
        }
        checkGradient("laplace NLL scalar scale", shapes: [[3, 4], [3, 4], []], domain: .awayFromZero) {
            Loss.laplaceNegativeLogLikelihood($0[0], $0[1] * 2, logScale: $0[2])
        }
    }

    @Test func binaryCrossEntropyWithLogits() {
        let targets = Tensor((0..<12).map { Double($0 % 2) }, shape: [3, 4])
        checkGradient("bce with logits", shapes: [[3, 4]], domain: .awayFromZero) {
            Loss.binaryCrossEntropyWithLogits($0[0] * 3, targets)
        }
        checkGradient("bce with logits, soft targets", shapes: [[3, 4], [3, 4]], domain: .awayFromZero) {
            Loss.binaryCrossEntropyWithLogits($0[0], $0[1].sigmoid())
        }
        checkGradient("bce with logits, scalar target", shapes: [[3, 1]], domain: .awayFromZero) {
            Loss.binaryCrossEntropyWithLogits($0[0], Tensor(scalar: 1))
        }
    }

    @Test func crossEntropy() {
        checkGradient("crossEntropy", shapes: [[4, 3]]) { Loss.crossEntropy(logits: $0[0], targets: [2, 0, 1, 2]) }
        checkGradient("crossEntropy weights ignore", shapes: [[4, 3]]) {
            Loss.crossEntropy(logits: $0[0], targets: [2, -100, 1, 0], weights: [1, 2, 0.5])
        }
        checkGradient("crossEntropy [N, C, d] none", shapes: [[2, 3, 2]]) {
            Loss.crossEntropy(logits: $0[0], targets: [0, 2, 1, 1], reduction: .none)
        }
        checkGradient("crossEntropy [N, C, d] mean", shapes: [[2, 3, 2]]) {
            Loss.crossEntropy(logits: $0[0], targets: [0, 2, 1, 1])
        }
        checkGradient("crossEntropy [C]", shapes: [[5]]) { Loss.crossEntropy(logits: $0[0], targets: [3]) }
        checkGradient("nllLoss sum", shapes: [[3, 4]]) { Loss.nllLoss(logProbabilities: $0[0], targets: [3, 0, 1], reduction: .sum) }
        checkGradient("nllLoss of logSoftmax, weighted mean", shapes: [[3, 4]]) {
            Loss.nllLoss(logProbabilities: $0[0].logSoftmax(), targets: [3, 0, 3], weights: [0.5, 1, 1, 3])
        }
    }

    @Test func onLayerOutputs() {
        var g = Xoshiro256StarStar(seed: 21)
        let classifier = Linear(4, 3, generator: &g)
        checkGradient("crossEntropy of a linear layer", classifier, shapes: [[5, 4]]) {
            Loss.crossEntropy(logits: classifier($0[0]), targets: [0, 2, 1, 1, 0])
        }
        let autoencoder = Sequential([Linear(4, 2, generator: &g), Activation(.tanh), Linear(2, 4, generator: &g)])
        checkGradient("mse of an autoencoder", autoencoder, shapes: [[5, 4]]) { Loss.mse(autoencoder($0[0]), $0[0]) }
        let discriminator = Linear(3, 1, generator: &g)
        checkGradient("bce of a discriminator", discriminator, shapes: [[4, 3]]) {
            Loss.binaryCrossEntropyWithLogits(discriminator($0[0]), Tensor(scalar: 0))
        }
    }
}
