import TensorFloat64
import Testing

/// The checker itself must reject wrong gradients, otherwise every check is vacuous; in float64 it
/// also rejects an error far below what the Float32 checks can see.
@Suite struct GradientCheckTests {
    /// `y = x²` with the backward `∂x = g·2x·(1 + relativeError)`.
    static func square(_ x: Tensor, relativeError: Double) -> Tensor {
        let values = x.data.map { $0 * $0 }
        return Tensor.primitive(values, shape: x.shape, parents: [x]) { g in
            x.accumulateGrad(zip(g, x.data).map { $0 * 2 * $1 * (1 + relativeError) })
        }
    }

    @Test func acceptsCorrectAndRejectsWrongGradients() {
        #expect(gradientError(shapes: [[3, 4]]) { $0[0].pow(2) }.error < 1e-8)
        #expect(gradientError(shapes: [[3, 4]]) { Self.square($0[0], relativeError: 0) }.error < 1e-8)
        #expect(gradientError(shapes: [[3, 4]]) { Self.square($0[0], relativeError: -0.5) }.error > 0.1)
        // 1e-4 relative: invisible to the Float32 checks (tolerance 1e-2), caught here
        #expect(gradientError(shapes: [[3, 4]]) { Self.square($0[0], relativeError: 1e-4) }.error > defaultTolerance)
        // an op whose backward forgets one input
        #expect(gradientError(shapes: [[3, 4], [3, 4]]) { inputs in
            Tensor.primitive(zip(inputs[0].data, inputs[1].data).map(+), shape: [3, 4], parents: inputs) { g in
                inputs[0].accumulateGrad(g)
            }
        }.error > 0.1)
    }

    /// A parameter the backward pass misses is reported by name.
    @Test func checksParameters() {
        final class Scale: Module {
            let weight = Tensor([2], shape: [1], requiresGrad: true)
            var isTraining = true
            var ownParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }
        }
        let module = Scale()
        let (error, worst) = gradientError([module], shapes: [[3]]) { x in
            x[0] * module.weight.detached() + Tensor.noGrad { x[0].detached() * module.weight }
        }
        #expect(error > 0.1 && worst.hasPrefix("weight"), "\(worst)")
        #expect(gradientError([module], shapes: [[3]]) { $0[0] * module.weight }.error < 1e-8)
    }
}
