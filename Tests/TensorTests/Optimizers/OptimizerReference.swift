import Tensor

/// The reference problem of the optimizer tests (values from PyTorch 2.15, see each test):
/// `p₀ = [1, −2, 0.5]`, `L = Σ cᵢpᵢ² + p₀p₁` with `c = [1, 2, 3]`.
func runOptimizer(steps: Int, _ make: ([Tensor]) -> any Optimizer) -> [Float] {
    let p = Tensor([1, -2, 0.5], shape: [3], requiresGrad: true)
    let c = Tensor([1, 2, 3], shape: [3])
    let optimizer = make([p])
    for _ in 0..<steps {
        optimizer.zeroGrad()
        let cross = p.reshaped([1, 3]).sliceColumns(0..<1) * p.reshaped([1, 3]).sliceColumns(1..<2)
        ((c * p * p).sum() + cross.sum()).backward()
        optimizer.step()
    }
    return p.data
}
