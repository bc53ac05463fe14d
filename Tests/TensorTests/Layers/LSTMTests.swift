import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct LSTMTests {
    @Test func parametersShapesAndInitialisation() {
        var g = Xoshiro256StarStar(seed: 1)
        let lstm = LSTM(3, 16, generator: &g)
        #expect(lstm.namedParameters.map(\.name) == ["input_weight", "hidden_weight", "input_bias", "hidden_bias"])
        #expect(lstm.parameters.map(\.shape) == [[3, 64], [16, 64], [64], [64]])
        // U(−1/√H, 1/√H) = U(−0.25, 0.25) for every parameter
        let all = lstm.parameters.flatMap(\.data)
        #expect(all.allSatisfy { Swift.abs($0) <= 0.25 } && all.contains { Swift.abs($0) > 0.2 })
        #expect(LSTM(3, 4, bias: false, generator: &g).namedParameters.map(\.name) == ["input_weight", "hidden_weight"])

        let x = Tensor.randn([5, 7, 3], generator: &g)
        let (output, state) = lstm(x)
        #expect(output.shape == [5, 7, 16] && state.hidden.shape == [5, 16] && state.cell?.shape == [5, 16])
        expectClose(output.slice(axis: 1, range: 6...).reshaped([5, 16]).data, state.hidden.data, tolerance: 0)
    }

    /// Forward values, final states and gradients against `torch.nn.LSTM` (plain, with an initial
    /// state, with lengths through packed sequences, without biases).
    @Test(arguments: RNNReference.cases("lstm", bidirectional: false))
    func matchesPyTorch(_ c: RNNReference.Case) {
        let e = RNNReference.run(c)
        print("LSTMTests \(c.name): max abs error \(e)")
        #expect(e.output < 1e-6 && e.state < 1e-6, "\(e)")
        #expect(e.inputGrad < 5e-6 && e.stateGrad < 5e-6 && e.parameterGrad < 5e-6, "\(e)")
    }

    /// The layer's gradients for the input and the initial state through the module API (the
    /// parameters' are checked on the primitive, `TensorLSTMTests`, and against PyTorch above).
    @Test func layerGradients() {
        var g = Xoshiro256StarStar(seed: 2)
        let lstm = LSTM(2, 3, generator: &g)
        checkGradient("LSTM layer", shapes: [[2, 3, 2], [2, 3], [2, 3]]) { i in
            let (output, state) = lstm(i[0], initialState: RecurrentState(hidden: i[1], cell: i[2]), mask: .lengths([3, 2]))
            return Tensor.concatenate([output.reshaped([2, 9]), state.hidden, state.cell!], axis: 1)
        }
    }
}
