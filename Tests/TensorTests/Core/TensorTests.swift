import Randomness
import Tensor
import Testing

@Suite struct TensorTests {
    @Test func creation() {
        #expect(Tensor.zeros([2, 3]).data == [0, 0, 0, 0, 0, 0])
        #expect(Tensor.ones([2]).data == [1, 1])
        #expect(Tensor(scalar: 3).shape == [])
        #expect(Tensor(rows: [[1, 2], [3, 4], [5, 6]]).shape == [3, 2])
        var g1 = Xoshiro256StarStar(seed: 3), g2 = Xoshiro256StarStar(seed: 3)
        #expect(Tensor.randn([4, 5], generator: &g1).data == Tensor.randn([4, 5], generator: &g2).data)
        let u = Tensor.uniform([1000], low: -2, high: 3, generator: &g1)
        #expect(u.data.allSatisfy { $0 >= -2 && $0 < 3 })
        let z = Tensor.randn([4000], mean: 1, std: 2, generator: &g1)
        let mean = z.data.reduce(0, +) / 4000
        #expect(Swift.abs(mean - 1) < 0.15)
    }

    @Test func anyRank() {
        let x = Tensor((0..<32).map(Float.init), shape: [2, 2, 2, 2, 2], requiresGrad: true)
        #expect(x.rank == 5 && x.count == 32)
        (x * x).sum().backward()
        #expect(x.grad == x.data.map { 2 * $0 })
    }

    @Test func backwardAccumulatesAndDiamondGraphs() {
        let x = Tensor([2], shape: [1], requiresGrad: true)
        let y = x * x + x          // y = x² + x, dy/dx = 2x + 1 = 5
        y.sum().backward()
        #expect(x.grad == [5])
        (x * 3).sum().backward()   // accumulates
        #expect(x.grad == [8])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func constantsGetNoGradient() {
        let w = Tensor([1, 2], shape: [2], requiresGrad: true)
        let c = Tensor([3, 4], shape: [2])
        (w * c).sum().backward()
        #expect(w.grad == [3, 4])
        #expect(c.grad == nil)
    }

    @Test func noGradBuildsNoGraph() {
        let w = Tensor([1, 2], shape: [2], requiresGrad: true)
        let y = Tensor.noGrad { (w * w).sum() }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect(GradMode.isEnabled)
        #expect(w.grad == nil)
        #expect((w * w).requiresGrad && !(w * w).isLeaf)
    }

    @Test func deepGraphDoesNotOverflowTheStack() {
        let x = Tensor([1], shape: [1], requiresGrad: true)
        var y = x
        for _ in 0..<20_000 { y = y * 1.0 + 0 }
        y.sum().backward()
        #expect(x.grad == [1])
    }
}
