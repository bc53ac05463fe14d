#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// Rows `indices` (repeats allowed) of a rank-2 table `[V, d]`, giving `[indices.count, d]`:
    /// an embedding lookup or a mini-batch. Every index must be in `0..<V`.
    ///
    /// The gradient is the scatter-add `∂table[v] = Σ_{k: indices[k] = v} g[k]`, with two options
    /// (those of PyTorch's `F.embedding`):
    ///
    /// - `paddingIndex`: positions holding this id pass no gradient (`∂table[paddingIndex] = 0`);
    ///   the forward value is still the table's row, as in PyTorch (``Embedding`` keeps that row
    ///   at zero).
    /// - `sparseGradient`: the table receives a ``RowSparseGradient`` (the distinct ids, sorted,
    ///   with their summed gradient rows: `O(indices.count · d)` values plus one pass over a `V`
    ///   entry marker array) instead of a dense `[V, d]` array. On a leaf it accumulates in
    ///   ``sparseGrad``; if the table is itself an op's result the rows are scatter-added into
    ///   its dense gradient.
    public func gatherRows(_ indices: [Int], paddingIndex: Int? = nil, sparseGradient: Bool = false) -> Tensor {
        precondition(rank == 2, "gatherRows: rank-2 only, got \(shape)")
        let (v, d) = (shape[0], shape[1])
        let y = makeBuffer(indices.count * d) { out in
            data.withUnsafeBufferPointer { px in
                guard let o = out.baseAddress, let x = px.baseAddress else { return }
                for (k, row) in indices.enumerated() {
                    precondition(row >= 0 && row < v, "gatherRows: index \(row) out of 0..<\(v)")
                    (o + k * d).update(from: x + row * d, count: d)
                }
            }
        }
        let padding = paddingIndex ?? -1
        return Tensor.primitive(y, shape: [indices.count, d], parents: [self]) { [self] g in
            if sparseGradient {
                self.accumulateGrad(Tensor.rowSparseScatter(g, indices: indices, rowCount: v, width: d, skipping: padding))
            } else {
                var dx = zeroBuffer(v * d)
                dx.withUnsafeMutableBufferPointer { out in
                    g.withUnsafeBufferPointer { src in
                        guard let o = out.baseAddress, let s = src.baseAddress else { return }
                        for (k, row) in indices.enumerated() where row != padding {
                            let (to, from) = (o + row * d, s + k * d)
                            for j in 0..<d { to[j] += from[j] }
                        }
                    }
                }
                self.accumulateGrad(dx)
            }
        }
    }

    /// The coalesced row-sparse scatter-add of `g: [indices.count, width]` into `rowCount` rows,
    /// positions holding `skipping` left out: distinct rows sorted, duplicates summed in the
    /// order of their positions.
    static func rowSparseScatter(_ g: [Scalar], indices: [Int], rowCount: Int, width d: Int,
                                 skipping padding: Int) -> RowSparseGradient {
        // slot[v]: −1 untouched, then the row's position in `rows`.
        var slot = [Int32](repeating: -1, count: rowCount)
        var rows: [Int] = []
        rows.reserveCapacity(Swift.min(indices.count, rowCount))
        slot.withUnsafeMutableBufferPointer { s in
            for row in indices where row != padding && s[row] == -1 {
                s[row] = 0
                rows.append(row)
            }
            // Sorted: a counting pass over the markers when V is not much larger than the batch,
            // else a comparison sort of the distinct rows.
            if rowCount <= 64 * Swift.max(rows.count, 1) {
                var k = 0
                for row in 0..<rowCount where s[row] == 0 { rows[k] = row; k += 1 }
            } else {
                rows.sort()
            }
            for (k, row) in rows.enumerated() { s[row] = Int32(k) }
        }
        var values = zeroBuffer(rows.count * d)
        values.withUnsafeMutableBufferPointer { out in
            g.withUnsafeBufferPointer { src in
                slot.withUnsafeBufferPointer { s in
                    guard let o = out.baseAddress, let x = src.baseAddress else { return }
                    for (k, row) in indices.enumerated() where row != padding {
                        let (to, from) = (o + Int(s[row]) * d, x + k * d)
                        for j in 0..<d { to[j] += from[j] }
                    }
                }
            }
        }
        return RowSparseGradient(unchecked: rowCount, width: d, rows: rows, values: values)
    }
}
