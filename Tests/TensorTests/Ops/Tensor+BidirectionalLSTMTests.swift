import Randomness
import Testing
@testable import Tensor

/// Both directions as one primitive, computed side by side: the same outputs, final states and
/// gradients (every input: x, both directions' weights, biases and initial states) as two
/// separate `Tensor.lstm` calls, to the bit (small sizes: one row part either way).
@Suite struct TensorBidirectionalLSTMTests {
    @Test(arguments: [nil, SequenceMask.lengths([5, 2, 4])])
    func equalsTwoSeparatePasses(mask: SequenceMask?) {
        var g = Xoshiro256StarStar(seed: 21)
        let (b, t, f, h) = (3, 5, 2, 4)
        func leaf(_ shape: [Int]) -> Tensor {
            let x = Tensor.randn(shape, generator: &g)
            x.requiresGrad = true
            return x
        }
        let x = leaf([b, t, f])
        let directions = (0..<2).map { _ in
            LSTMDirection(inputWeight: leaf([f, 4 * h]), hiddenWeight: leaf([h, 4 * h]), inputBias: leaf([4 * h]),
                          hiddenBias: leaf([4 * h]), hidden: leaf([b, h]), cell: leaf([b, h]))
        }
        let weights = Tensor.randn([b, t, h], generator: &g), finals = Tensor.randn([b, h], generator: &g)
        func loss(_ r: [(output: Tensor, hidden: Tensor, cell: Tensor)]) -> Tensor {
            r.map { ($0.output * weights).sum() + ($0.hidden * finals).sum() + ($0.cell * $0.cell).sum() }.reduce(Tensor(scalar: 0), +)
        }
        let tensors = [x] + directions.flatMap(\.parents)
        func gradients(_ body: () -> Tensor) -> (Float, [[Float]]) {
            for p in tensors { p.zeroGrad() }
            let value = body()
            value.backward()
            return (value.item, tensors.map { $0.grad ?? [] })
        }
        let fused = gradients { loss(Tensor.bidirectionalLSTM(x, forward: directions[0], backward: directions[1], mask: mask)) }
        let separate = gradients {
            loss(directions.enumerated().map { k, d in
                Tensor.lstm(x, inputWeight: d.inputWeight, hiddenWeight: d.hiddenWeight, inputBias: d.inputBias,
                            hiddenBias: d.hiddenBias, hidden: d.hidden, cell: d.cell, mask: mask, reversed: k == 1)
            })
        }
        #expect(fused.0 == separate.0)
        for (a, b) in zip(fused.1, separate.1) { #expect(a == b && !a.isEmpty) }
    }

    @Test func concurrentlyReturnsBothResultsInOrderWithOnePartEach() {
        let (a, b) = concurrently({ (1, RowParts.limit) }, { ("two", RowParts.limit) })
        #expect(a.0 == 1 && b.0 == "two")
        if BLAS.threadCount >= 2 { #expect(a.1 == 1 && b.1 == 1) } else { #expect(a.1 == nil && b.1 == nil) }
        #expect(RowParts.limit == nil)
    }
}
