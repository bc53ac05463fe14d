import Tensor
import Testing

/// The checker itself must reject wrong gradients, otherwise every op test is vacuous.
@Suite struct GradientCheckTests {
    /// `y = x²` with a deliberately wrong backward `∂x = g·x` (missing the factor 2).
    static func wrongSquare(_ x: Tensor) -> Tensor {
        let values = x.data.map { $0 * $0 }
        return Tensor.primitive(values, shape: x.shape, parents: [x]) { g in
            x.accumulateGrad(zip(g, x.data).map { $0 * $1 })
        }
    }

    @Test func acceptsCorrectAndRejectsWrongGradients() {
        #expect(gradientError(shapes: [[3, 4]]) { $0[0].pow(2) }.error < 1e-2)
        #expect(gradientError(shapes: [[3, 4]]) { Self.wrongSquare($0[0]) }.error > 0.1)
        // an op whose backward forgets one input
        #expect(gradientError(shapes: [[3, 4], [3, 4]]) { inputs in
            Tensor.primitive(zip(inputs[0].data, inputs[1].data).map(+), shape: [3, 4], parents: inputs) { g in
                inputs[0].accumulateGrad(g)
            }
        }.error > 0.1)
    }

    /// A NaN gradient is the worst error, not skipped (`NaN > worst` is false).
    @Test func rejectsNaNGradients() {
        let error = gradientError(shapes: [[3, 4]]) { inputs in
            Tensor.primitive(inputs[0].data, shape: [3, 4], parents: inputs) { g in
                inputs[0].accumulateGrad(g.map { _ in Float.nan })
            }
        }.error
        #expect(!(error <= 1e-2), "error \(error)")
        // One NaN among correct gradients (the first element): not outweighed by later ones.
        let one = gradientError(shapes: [[3, 4]]) { inputs in
            Tensor.primitive(inputs[0].data, shape: [3, 4], parents: inputs) { g in
                inputs[0].accumulateGrad(g.enumerated().map { $0.offset == 0 ? Float.nan : $0.element })
            }
        }.error
        #expect(one == .infinity, "error \(one)")
        // The PyTorch comparisons of the recurrent layers likewise (`Swift.max` drops a NaN).
        #expect(RNNReference.maxError([1, .nan, 3], [1, 2, 3]) == .infinity)
        #expect(RNNReference.maxError([1, 2.5], [1, 2]) == 0.5)
    }
}
