import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct GRUCellTests {
    @Test func shapesAndGradientThroughTime() {
        var g = Xoshiro256StarStar(seed: 6)
        let cell = GRUCell(3, 2, generator: &g)
        #expect(cell.parameters.map(\.shape) == [[3, 6], [2, 6], [6], [6]])
        checkGradient("gru unrolled", shapes: [[2, 3], [2, 3], [2, 3]]) { cell($0).last! }
    }

    /// Zero weights, n-block input bias 1: r = z = ½, n = tanh(1), h₁ = ½·tanh(1).
    @Test func handComputedStep() {
        var g = Xoshiro256StarStar(seed: 7)
        let cell = GRUCell(1, 1, generator: &g)
        cell.inputWeight.data = [0, 0, 0]
        cell.hiddenWeight.data = [0, 0, 0]
        cell.inputBias.data = [0, 0, 1]
        cell.hiddenBias.data = [0, 0, 0]
        expectClose(cell([Tensor([2], shape: [1, 1])])[0].data, [0.5 * Float(1).tanhValue])
    }
}
