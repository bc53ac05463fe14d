import Tensor
import Testing

@Suite struct OptimizerTests {
    @Test func zeroGradClearsAndParametersWithoutGradientAreSkipped() {
        let a = Tensor([1], shape: [1], requiresGrad: true)
        let b = Tensor([1], shape: [1], requiresGrad: true)
        let sgd = SGD([a, b], learningRate: 1)
        (a * 2).sum().backward()
        sgd.step()
        #expect(a.data == [-1] && b.data == [1])
        sgd.zeroGrad()
        #expect(a.grad == nil)
    }

    @Test func zeroGradClearsASparseGradient() {
        let table = Tensor([1, 2, 3, 4], shape: [2, 2], requiresGrad: true)
        let adam = Adam([table])
        table.gatherRows([1], sparseGradient: true).sum().backward()
        #expect(table.sparseGrad != nil && table.hasGrad)
        adam.zeroGrad()
        #expect(table.sparseGrad == nil && !table.hasGrad)
    }
}
