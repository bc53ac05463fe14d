import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct LSTMCellTests {
    @Test func shapesAndGradientThroughTime() {
        var g = Xoshiro256StarStar(seed: 4)
        let cell = LSTMCell(3, 2, generator: &g)
        #expect(cell.parameters.map(\.shape) == [[3, 8], [2, 8], [8]])
        checkGradient("lstm unrolled", shapes: [[2, 3], [2, 3], [2, 3]]) { cell($0).last! }
    }

    /// With all weights zero: gates σ(0) = ½, g = 0, so c stays 0 and h = ½·tanh(0) = 0; with
    /// bias g-block = 1: c₁ = ½·tanh(1), h₁ = ½·tanh(c₁).
    @Test func handComputedStep() {
        var g = Xoshiro256StarStar(seed: 5)
        let cell = LSTMCell(1, 1, generator: &g)
        cell.inputWeight.data = [0, 0, 0, 0]
        cell.hiddenWeight.data = [0, 0, 0, 0]
        cell.bias.data = [0, 0, 1, 0]
        let h = cell([Tensor([3], shape: [1, 1])])[0]
        let c1 = 0.5 * Float(1).tanhValue
        expectClose(h.data, [0.5 * c1.tanhValue])
    }
}

extension Float {
    var tanhValue: Float { Tensor([self], shape: [1]).tanh().item }
}
