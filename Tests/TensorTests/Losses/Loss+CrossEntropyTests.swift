import Tensor
import Testing
import TestSupport

@Suite struct CrossEntropyTests {
    @Test func gradients() {
        checkGradient("crossEntropy", shapes: [[4, 3]]) { Loss.crossEntropy(logits: $0[0], targets: [2, 0, 1, 2]) }
        checkGradient("crossEntropy weights ignore", shapes: [[4, 3]]) {
            Loss.crossEntropy(logits: $0[0], targets: [2, -100, 1, 0], weights: [1, 2, 0.5])
        }
        checkGradient("crossEntropy [N, C, d] none", shapes: [[2, 3, 2]]) {
            Loss.crossEntropy(logits: $0[0], targets: [0, 2, 1, 1], reduction: .none)
        }
        checkGradient("nllLoss sum", shapes: [[3, 4]]) { Loss.nllLoss(logProbabilities: $0[0], targets: [3, 0, 1], reduction: .sum) }
    }

    @Test func values() {
        // uniform logits: −log(1/C) per row
        let uniform = Loss.crossEntropy(logits: Tensor.zeros([2, 4]), targets: [1, 3])
        #expect(uniform.shape == [])
        expectClose(uniform.data, [1.3862944])
        // the weighted mean divides by the weights of the targets kept
        let logp = Tensor([-1, -2, -3, -4], shape: [2, 2])
        expectClose(Loss.nllLoss(logProbabilities: logp, targets: [0, 1], weights: [1, 3]).data, [(1 + 3 * 4) / 4])
        expectClose(Loss.nllLoss(logProbabilities: logp, targets: [0, -100]).data, [1])
        expectClose(Loss.nllLoss(logProbabilities: logp, targets: [0, 1], reduction: .none).data, [1, 4])
        // every target ignored: 0/0, as PyTorch
        #expect(Loss.nllLoss(logProbabilities: logp, targets: [-100, -100]).item.isNaN)
    }

    @Test(arguments: TorchReference.cases("crossEntropy") + TorchReference.cases("nllLoss"))
    func matchesPyTorch(_ c: TorchReference.Case) {
        let reduction: Loss.Reduction = switch c.reduction {
        case "sum": .sum
        case "none": .none
        default: .mean
        }
        TorchReference.check(c, tolerance: 1e-5) { x in
            c.op == "nllLoss"
                ? Loss.nllLoss(logProbabilities: x, targets: c.targets ?? [], weights: c.weights,
                               ignoreIndex: c.ignoreIndex ?? -100, reduction: reduction)
                : Loss.crossEntropy(logits: x, targets: c.targets ?? [], weights: c.weights,
                                    ignoreIndex: c.ignoreIndex ?? -100, reduction: reduction)
        }
    }

    @Test func targetOutOfRangeStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Loss.crossEntropy(logits: Tensor.zeros([2, 3]), targets: [0, 3])
        }
    }
}
