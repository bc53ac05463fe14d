import Foundation
import Tensor
import Testing

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

/// The initial values of ``runLookups(sparse:batches:_:)``'s table, `sin(i)`.
let lookupTableStart: [Float] = (0..<18).map { Float(sin(Double($0))) }

/// A `[6, 3]` table (``lookupTableStart``) trained on lookups of the id `batches` in turn, with
/// `L = Σ (E ⊙ E + R ⊙ E)` for a fixed `R`; returns the table and the optimizer after the steps.
/// With `sparse`, the lookups give the table a row-sparse gradient (and the optimizers update it
/// lazily); without, a dense one.
func runLookups(sparse: Bool, batches: [[Int]], _ make: ([Tensor]) -> any Optimizer) -> (table: Tensor, optimizer: any Optimizer) {
    let table = Tensor(lookupTableStart, shape: [6, 3], requiresGrad: true)
    let optimizer = make([table])
    for ids in batches {
        optimizer.zeroGrad()
        let e = table.gatherRows(ids, sparseGradient: sparse)
        let r = Tensor((0..<e.count).map { Float($0 % 7) * 0.3 - 1 }, shape: e.shape)
        (e * e + r * e).sum().backward()
        #expect(table.sparseGrad != nil || !sparse)
        optimizer.step()
    }
    return (table, optimizer)
}

/// Rows `rows` of a `[n, 3]` table's values.
func rows(_ values: [Float], _ rows: [Int]) -> [Float] {
    rows.flatMap { values[($0 * 3)..<($0 * 3 + 3)] }
}
