import Randomness
import TensorFloat64
import Testing

/// Parameter and input gradients of the feed-forward layers: Linear, Activation, Sequential.
@Suite struct LinearGradientTests {
    @Test func linear() {
        var g = Xoshiro256StarStar(seed: 3)
        let layer = Linear(4, 3, generator: &g)
        checkGradient("linear", layer, shapes: [[2, 4]]) { layer($0[0]) }
        let noBias = Linear(4, 3, bias: false, generator: &g)
        checkGradient("linear without bias", noBias, shapes: [[2, 4]]) { noBias($0[0]) }
        let xavier = Linear(3, 5, initialization: .xavierUniform(gain: 2), generator: &g)
        checkGradient("linear xavier, rank-3 input", xavier, shapes: [[2, 2, 3]]) { xavier($0[0]) }
    }

    @Test func activations() {
        let kinds: [Activation.Kind] = [.identity, .tanh, .sigmoid, .softplus, .relu, .leakyRelu(slope: 0.2)]
        for kind in kinds {
            let layer = Activation(kind)
            checkGradient("activation \(kind)", shapes: [[3, 4]], domain: .awayFromZero) { layer($0[0]) }
        }
    }

    /// An MLP as the autoencoders build it: Linear, BatchNorm1d, activations, Dropout.
    @Test func sequential() {
        var g = Xoshiro256StarStar(seed: 5)
        let network = Sequential([Linear(4, 6, generator: &g), BatchNorm1d(6), Activation(.tanh),
                                  Linear(6, 3, generator: &g), Activation(.leakyRelu(slope: 0.2)),
                                  Linear(3, 4, generator: &g)])
        checkGradient("sequential", network, shapes: [[5, 4]]) { network($0[0]) }
        network.eval()
        checkGradient("sequential eval", network, shapes: [[5, 4]]) { network($0[0]) }
    }
}
