import TensorFloat64
import Testing

/// Ops that move values: reshape, transpose, permute, expand, slice, select, concatenate, stack,
/// split, chunk, unstack, row gathering.
@Suite struct ShapeGradientTests {
    @Test func reshapeAndTranspose() {
        checkGradient("reshape", shapes: [[3, 4]]) { $0[0].reshaped([2, 6]) }
        checkGradient("reshape to rank 3", shapes: [[3, 4]]) { $0[0].reshaped([2, 3, 2]) }
        checkGradient("reshape to rank 5", shapes: [[2, 6]]) { $0[0].reshaped([1, 2, 3, 2, 1]) }
        checkGradient("transpose", shapes: [[3, 4]]) { $0[0].transposed() }
        checkGradient("transpose batched", shapes: [[2, 3, 4]]) { $0[0].transposed() }
        checkGradient("transpose rank 4", shapes: [[2, 2, 3, 2]]) { $0[0].transposed() }
        checkGradient("permute [1,0,2]", shapes: [[2, 3, 2]]) { $0[0].permuted([1, 0, 2]) }
        checkGradient("permute [2,0,1]", shapes: [[2, 3, 2]]) { $0[0].permuted([2, 0, 1]) }
        checkGradient("permute heads [0,2,1,3]", shapes: [[2, 3, 2, 2]]) { $0[0].permuted([0, 2, 1, 3]) }
        checkGradient("permute negative axes", shapes: [[2, 3, 2]]) { $0[0].permuted([-1, 0, 1]) }
        checkGradient("transposed(0, 1)", shapes: [[2, 3, 2]]) { $0[0].transposed(0, 1) }
    }

    @Test func expand() {
        checkGradient("expand [3,1] → [3,4]", shapes: [[3, 1]]) { $0[0].expanded(to: [3, 4]) }
        checkGradient("expand [4] → [2,3,4]", shapes: [[4]]) { $0[0].expanded(to: [2, 3, 4]) }
        checkGradient("expand [2,1,3,1] → [2,2,3,2]", shapes: [[2, 1, 3, 1]]) { $0[0].expanded(to: [2, 2, 3, 2]) }
        checkGradient("expand scalar", shapes: [[]]) { $0[0].expanded(to: [2, 3]) }
    }

    @Test func sliceAndSelect() {
        checkGradient("slice axis 0", shapes: [[4, 3]]) { $0[0].slice(axis: 0, range: 1..<3) }
        checkGradient("slice axis 1 of rank 3", shapes: [[2, 5, 2]]) { $0[0].slice(axis: 1, range: 2...) }
        checkGradient("slice axis -1 of rank 4", shapes: [[2, 2, 2, 4]]) { $0[0].slice(axis: -1, range: ..<3) }
        checkGradient("select time step", shapes: [[2, 4, 3]]) { $0[0].select(axis: 1, index: 2) }
        checkGradient("select last", shapes: [[3, 4]]) { $0[0].select(axis: 0, index: -1) }
        checkGradient("sliceColumns", shapes: [[3, 5]]) { $0[0].sliceColumns(1..<4) }
    }

    @Test func concatenateAndStack() {
        checkGradient("concatColumns", shapes: [[3, 2], [3, 4], [3, 1]]) { Tensor.concatColumns($0) }
        checkGradient("concatenate axis 0", shapes: [[2, 3], [1, 3], [3, 3]]) { Tensor.concatenate($0, axis: 0) }
        checkGradient("concatenate axis 1", shapes: [[2, 3, 2], [2, 1, 2]]) { Tensor.concatenate($0, axis: 1) }
        checkGradient("concatenate axis -1 rank 4", shapes: [[2, 2, 1, 3], [2, 2, 1, 2]]) { Tensor.concatenate($0, axis: -1) }
        checkGradient("concatenate the same tensor twice", shapes: [[2, 3]]) { Tensor.concatenate([$0[0], $0[0]], axis: 1) }
        checkGradient("stack axis 0", shapes: [[2, 3], [2, 3]]) { Tensor.stack($0, axis: 0) }
        checkGradient("stack axis 1", shapes: [[2, 3], [2, 3], [2, 3]]) { Tensor.stack($0, axis: 1) }
        checkGradient("stack axis -1", shapes: [[2, 3], [2, 3]]) { Tensor.stack($0, axis: -1) }
    }

    @Test func splitChunkUnstack() {
        checkGradient("split sizes, both pieces used", shapes: [[3, 5]]) { x in
            let parts = x[0].split(sizes: [2, 3], axis: 1)
            return Tensor.concatenate([parts[1], parts[0] * parts[0]], axis: 1)
        }
        checkGradient("chunk, one piece used", shapes: [[5, 2]]) { $0[0].chunk(3, axis: 0)[1] }
        checkGradient("unstacked then stacked", shapes: [[2, 3, 2]]) { x in
            Tensor.stack(x[0].unstacked(axis: 1).reversed(), axis: 0)
        }
    }

    @Test func gatherRows() {
        checkGradient("gatherRows with repeats", shapes: [[5, 3]]) { $0[0].gatherRows([4, 0, 4, 2]) }
        checkGradient("gatherRows padding index", shapes: [[5, 3]]) { x in
            // the padding row gets no gradient and is multiplied by 0 here, so its true gradient is 0 too
            x[0].gatherRows([4, 1, 0, 1], paddingIndex: 1) * Tensor([1, 0, 1, 0], shape: [4, 1])
        }
        checkGradient("gatherRows sparse gradient", shapes: [[6, 3]]) {
            $0[0].gatherRows([4, 0, 4, 2, 5, 4], sparseGradient: true)
        }
        // The table as an op's result: the sparse rows are scatter-added into its dense gradient.
        checkGradient("gatherRows sparse gradient through an op", shapes: [[5, 2]]) {
            ($0[0] * $0[0]).gatherRows([1, 3, 1], sparseGradient: true)
        }
    }
}
