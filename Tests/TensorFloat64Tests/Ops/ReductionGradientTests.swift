import TensorFloat64
import Testing

/// Reductions and the normalising ops over an axis: sum, mean, max, min, softmax, log-softmax,
/// log-sum-exp, the Euclidean norm.
@Suite struct ReductionGradientTests {
    @Test func reductions() {
        checkGradient("sum", shapes: [[3, 4]]) { $0[0].sum() }
        checkGradient("sum axis 0", shapes: [[3, 4]]) { $0[0].sum(axis: 0) }
        checkGradient("sum axis 1 keepDims", shapes: [[3, 4]]) { $0[0].sum(axis: 1, keepDims: true) }
        checkGradient("sum axis 1 of rank 3", shapes: [[2, 3, 4]]) { $0[0].sum(axis: 1) }
        checkGradient("sum axis 3 of rank 4", shapes: [[2, 2, 2, 3]]) { $0[0].sum(axis: 3) }
        checkGradient("mean", shapes: [[3, 4]]) { $0[0].mean() }
        checkGradient("mean axis -1", shapes: [[3, 4]]) { $0[0].mean(axis: -1) }
        checkGradient("mean axis 0 keepDims", shapes: [[3, 4]]) { $0[0].mean(axis: 0, keepDims: true) }
        checkGradient("max axis 1", shapes: [[3, 4]]) { $0[0].max(axis: 1) }
        checkGradient("max axis 0", shapes: [[3, 4]]) { $0[0].max(axis: 0, keepDims: true) }
        checkGradient("max axis 2 of rank 4", shapes: [[2, 2, 3, 2]]) { $0[0].max(axis: 2) }
        checkGradient("min axis 1", shapes: [[3, 4]]) { $0[0].min(axis: 1) }
        checkGradient("min axis -1 keepDims rank 4", shapes: [[2, 1, 2, 3]]) { $0[0].min(axis: -1, keepDims: true) }
        checkGradient("x − mean(x, rows)", shapes: [[3, 4]]) { $0[0] - $0[0].mean(axis: 1, keepDims: true) }
    }

    @Test func softmaxFamily() {
        checkGradient("softmax", shapes: [[3, 4]]) { $0[0].softmax() }
        checkGradient("softmax rank 3", shapes: [[2, 2, 3]]) { $0[0].softmax() }
        checkGradient("softmax axis 1 of rank 3", shapes: [[2, 3, 2]]) { $0[0].softmax(axis: 1) }
        checkGradient("softmax rank 4 last axis", shapes: [[2, 1, 2, 3]]) { $0[0].softmax(axis: -1) }
        checkGradient("logSoftmax", shapes: [[3, 4]]) { $0[0].logSoftmax() }
        checkGradient("logSoftmax axis 0", shapes: [[3, 4]]) { $0[0].logSoftmax(axis: 0) }
        checkGradient("logSoftmax axis 1 of rank 4", shapes: [[2, 3, 2, 2]]) { $0[0].logSoftmax(axis: 1) }
        checkGradient("logSoftmax large logits", shapes: [[3, 4]]) { ($0[0] * 30).logSoftmax() }
        checkGradient("logSumExp", shapes: [[3, 4]]) { $0[0].logSumExp() }
        checkGradient("logSumExp keepDims", shapes: [[3, 4]]) { $0[0].logSumExp(keepDims: true) }
    }

    @Test func norm() {
        checkGradient("l2Norm", shapes: [[3, 4]]) { $0[0].l2Norm() }
        checkGradient("l2Norm keepDims", shapes: [[3, 4]]) { $0[0] / $0[0].l2Norm(keepDims: true) }
        checkGradient("l2Norm without floor", shapes: [[3, 4]]) { $0[0].l2Norm(epsilon: 0) }
    }
}
