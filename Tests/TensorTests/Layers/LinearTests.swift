import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct LinearTests {
    @Test func shapesAndForward() {
        var g = Xoshiro256StarStar(seed: 1)
        let layer = Linear(3, 2, generator: &g)
        #expect(layer.weight.shape == [3, 2] && layer.bias?.shape == [2])
        #expect(layer.parameterCount == 8)
        layer.weight.data = [1, 0, 0, 1, 1, 1]
        layer.bias!.data = [10, 20]
        let y = layer(Tensor([1, 2, 3], shape: [1, 3]))
        expectClose(y.data, [14, 25])
    }

    @Test func initializationBounds() {
        var g = Xoshiro256StarStar(seed: 2)
        let kaiming = Linear(100, 50, generator: &g)
        let bound: Float = 1 / Float(100).squareRoot()
        #expect(kaiming.weight.data.allSatisfy { Swift.abs($0) <= bound })
        #expect(kaiming.bias!.data.allSatisfy { Swift.abs($0) <= bound } && kaiming.bias!.data.contains { $0 != 0 })
        let xavier = Linear(100, 50, initialization: .xavierUniform(gain: 1), generator: &g)
        let a = (6 / Float(150)).squareRoot()
        #expect(xavier.weight.data.allSatisfy { Swift.abs($0) <= a })
        #expect(xavier.weight.data.contains { Swift.abs($0) > bound })   // wider than Kaiming here
        #expect(xavier.bias!.data.allSatisfy { $0 == 0 })
        #expect(Linear(4, 4, bias: false, generator: &g).parameters.count == 1)
    }

    @Test func gradientThroughLayer() throws {
        var g = Xoshiro256StarStar(seed: 3)
        let layer = Linear(4, 3, generator: &g)
        checkGradient("linear input", shapes: [[2, 4]]) { layer($0[0]) }
        // The layer's own parameters, exactly: for L = Σ layer(X), ∂L/∂W[i, j] = Σ_b X[b, i] and
        // ∂L/∂b[j] = the batch size. (Finite differences of the real weight and bias, in
        // float64: TensorFloat64Tests/Layers/LinearGradientTests.swift.)
        layer.parameters.forEach { $0.zeroGrad() }  // the input check above ran backward through them too
        layer(Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 4])).sum().backward()
        #expect(try #require(layer.weight.grad) == [6, 6, 6, 8, 8, 8, 10, 10, 10, 12, 12, 12])
        #expect(try #require(layer.bias?.grad) == [2, 2, 2])
    }
}
