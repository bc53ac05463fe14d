extension Tensor {
    /// The axes reordered: result axis `i` is input axis `axes[i]` (a permutation of
    /// `0..<rank`; negative entries count from the end), like `x.permute(axes)` in PyTorch but
    /// as a contiguous copy: `[B, T, F].permuted([1, 0, 2])` is the time-major `[T, B, F]`,
    /// `[B, L, H, d].permuted([0, 2, 1, 3])` splits attention heads. `∂x` is `g` permuted by the
    /// inverse permutation.
    ///
    /// The copy first drops length-1 axes and merges axes that stay adjacent and in order (so
    /// `[0, 2, 1, 3]` on `[B, L, H, d]` moves `d`-long blocks); when the last axis stays last, the
    /// data moves in contiguous blocks by `memcpy`, a swap of the last two (merged) axes is a
    /// cache-blocked transpose, and any other order is a strided gather along the last axis.
    public func permuted(_ axes: [Int]) -> Tensor {
        let perm = axes.map { $0 < 0 ? $0 + rank : $0 }
        precondition(perm.count == rank && Set(perm) == Set(0..<rank),
                     "permuted: \(axes) is not a permutation of the \(rank) axes of \(shape)")
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        let outShape = perm.map { shape[$0] }
        let inShape = shape
        return Tensor.primitive(permuteBuffer(data, shape: inShape, axes: perm), shape: outShape,
                                parents: [self]) { [self] g in
            self.accumulateGrad(permuteBuffer(g, shape: outShape, axes: inverse))
        }
    }

    /// Axes `first` and `second` swapped (composite over ``permuted(_:)``), like
    /// `x.transpose(first, second)` in PyTorch: `[B, T, F].transposed(0, 1)` is `[T, B, F]`.
    public func transposed(_ first: Int, _ second: Int) -> Tensor {
        let (i, j) = (normalizedAxis(first, rank: rank, "transposed"), normalizedAxis(second, rank: rank, "transposed"))
        var axes = Array(0..<rank)
        axes.swapAt(i, j)
        return permuted(axes)
    }
}

/// `x` (row-major, `shape`) with its axes reordered by the permutation `axes` (result axis `i`
/// is input axis `axes[i]`), as a new contiguous buffer. See ``Tensor/permuted(_:)``.
func permuteBuffer(_ x: [Scalar], shape: [Int], axes: [Int]) -> [Scalar] {
    // Drop length-1 axes: they do not change the layout.
    var reducedIndex = [Int](repeating: -1, count: shape.count)
    var reduced: [Int] = []
    for (k, d) in shape.enumerated() where d != 1 { reducedIndex[k] = reduced.count; reduced.append(d) }
    let order = axes.map { reducedIndex[$0] }.filter { $0 >= 0 }
    // Merge runs of result axes that are consecutive input axes.
    var groups: [[Int]] = []
    for axis in order {
        if let last = groups.last?.last, axis == last + 1 { groups[groups.count - 1].append(axis) } else { groups.append([axis]) }
    }
    guard groups.count > 1 else { return x }   // the layout is unchanged
    let inGroups = groups.sorted { $0[0] < $1[0] }
    let inDims = inGroups.map { $0.reduce(1) { $0 * reduced[$1] } }
    let inStrides = contiguousStrides(inDims)
    var strideOfGroup = [Int](repeating: 0, count: reduced.count)  // by the group's first axis
    for (k, group) in inGroups.enumerated() { strideOfGroup[group[0]] = inStrides[k] }
    let outDims = groups.map { $0.reduce(1) { $0 * reduced[$1] } }
    let srcStrides = groups.map { strideOfGroup[$0[0]] }
    let r = outDims.count
    let total = x.count

    // A batch of matrix transposes: [batch…, m, n] → [batch…, n, m].
    if r >= 2 && srcStrides[r - 1] == outDims[r - 2] && srcStrides[r - 2] == 1
        && (0..<(r - 2)).allSatisfy({ groups[$0] == inGroups[$0] }) {
        let (m, n) = (outDims[r - 1], outDims[r - 2])
        return Tensor.transpose(x, total / (m * n), m, n)
    }
    let inner = outDims[r - 1], innerStride = srcStrides[r - 1]
    return makeBuffer(total) { out in
        x.withUnsafeBufferPointer { px in
            guard let z = out.baseAddress, let s = px.baseAddress else { return }
            var index = [Int](repeating: 0, count: r - 1)
            var (src, o) = (0, 0)
            while o < total {
                if innerStride == 1 {
                    copyFloats(z + o, s + src, inner)
                } else {
                    let base = s + src, dst = z + o
                    for k in 0..<inner { dst[k] = base[k &* innerStride] }
                }
                o += inner
                var k = r - 2
                while k >= 0 {
                    index[k] += 1; src += srcStrides[k]
                    if index[k] < outDims[k] { break }
                    src -= srcStrides[k] * outDims[k]; index[k] = 0
                    k -= 1
                }
            }
        }
    }
}
