import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct GRUTests {
    @Test func parametersShapesAndInitialisation() {
        var g = Xoshiro256StarStar(seed: 1)
        let gru = GRU(3, 16, generator: &g)
        #expect(gru.namedParameters.map(\.name) == ["input_weight", "hidden_weight", "input_bias", "hidden_bias"])
        #expect(gru.parameters.map(\.shape) == [[3, 48], [16, 48], [48], [48]])
        // U(−1/√H, 1/√H) = U(−0.25, 0.25) for every parameter
        let all = gru.parameters.flatMap(\.data)
        #expect(all.allSatisfy { Swift.abs($0) <= 0.25 } && all.contains { Swift.abs($0) > 0.2 })
        #expect(GRU(3, 4, bias: false, generator: &g).namedParameters.map(\.name) == ["input_weight", "hidden_weight"])

        let x = Tensor.randn([5, 7, 3], generator: &g)
        let (output, state) = gru(x)
        #expect(output.shape == [5, 7, 16] && state.hidden.shape == [5, 16] && state.cell == nil)
        expectClose(output.slice(axis: 1, range: 6...).reshaped([5, 16]).data, state.hidden.data, tolerance: 0)
    }

    /// Forward values, final states and gradients against `torch.nn.GRU` (plain, with an initial
    /// state, with lengths through packed sequences, without biases).
    @Test(arguments: RNNReference.cases("gru", bidirectional: false))
    func matchesPyTorch(_ c: RNNReference.Case) {
        let e = RNNReference.run(c)
        print("GRUTests \(c.name): max abs error \(e)")
        #expect(e.output < 1e-6 && e.state < 1e-6, "\(e)")
        #expect(e.inputGrad < 5e-6 && e.stateGrad < 5e-6 && e.parameterGrad < 5e-6, "\(e)")
    }

    /// The layer's gradients for the input and the initial state through the module API (the
    /// parameters' are checked on the primitive, `TensorGRUTests`, and against PyTorch above).
    @Test func layerGradients() {
        var g = Xoshiro256StarStar(seed: 2)
        let gru = GRU(2, 3, generator: &g)
        checkGradient("GRU layer", shapes: [[2, 3, 2], [2, 3]]) { i in
            let (output, state) = gru(i[0], initialState: RecurrentState(hidden: i[1]), mask: .lengths([3, 2]))
            return Tensor.concatenate([output.reshaped([2, 9]), state.hidden], axis: 1)
        }
    }
}
