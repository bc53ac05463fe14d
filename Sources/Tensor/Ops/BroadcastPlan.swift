/// How two shapes broadcast (NumPy rules, any rank): shapes are right-aligned and padded with
/// leading 1s to the larger rank; each dimension pair must be equal or contain a 1, and the
/// result takes the larger. Typical uses: `[m, n] ⊕ [n]`, `[m, n] ⊕ [1, n]`, `[m, n] ⊕ [m, 1]`,
/// `[B, T, F] ⊕ [F]`, `[B, H, L, L] ⊕ [B, 1, 1, L]`, anything ⊕ scalar `[]`.
///
/// The loops do not run over the result's own axes: length-1 axes are dropped and neighbouring
/// axes that both inputs broadcast alike are merged (`[B, T, F] ⊕ [F]` runs as `[B·T, F] ⊕ [F]`,
/// equal shapes as one flat run), leaving ``dims``. The result is visited in runs along the last
/// of them; run `r` of input `a` starts at `a[Σₖ iₖ·aStridesₖ]` (stride 0 along a broadcast
/// axis). The gradient of an input is the result's gradient summed over the axes along which
/// that input was broadcast, through the same index map (``reduce(_:toFirst:count:)``).
struct BroadcastPlan {
    /// The result's shape.
    let shape: [Int]
    /// The result's element count.
    let count: Int
    /// The collapsed iteration space (at least one entry; its product is ``count``).
    let dims: [Int]
    let aStrides: [Int]
    let bStrides: [Int]

    init(_ a: [Int], _ b: [Int]) {
        let shape = broadcastResultShape(a, b)
        self.shape = shape
        self.count = shape.reduce(1, *)
        let rank = shape.count
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        // Keep the axes of length ≠ 1; merge a neighbour when both inputs broadcast it alike.
        var dims: [Int] = [], fullA: [Bool] = [], fullB: [Bool] = []
        for k in 0..<rank where shape[k] != 1 {
            let (fa, fb) = (pa[k] != 1, pb[k] != 1)
            if let last = dims.indices.last, fullA[last] == fa, fullB[last] == fb {
                dims[last] *= shape[k]
            } else {
                dims.append(shape[k]); fullA.append(fa); fullB.append(fb)
            }
        }
        if dims.isEmpty { dims = [1]; fullA = [false]; fullB = [false] }
        func strides(_ full: [Bool]) -> [Int] {
            var s = [Int](repeating: 0, count: dims.count), run = 1
            for k in stride(from: dims.count - 1, through: 0, by: -1) where full[k] {
                s[k] = run; run *= dims[k]
            }
            return s
        }
        self.dims = dims
        self.aStrides = strides(fullA)
        self.bStrides = strides(fullB)
    }

    /// Calls `body(o, ia, ib)` for each run of `dims.last` result elements starting at `o`, with
    /// the offsets of its first element in `a` and `b`. Inlined into the callers, so the inner
    /// loops of `body` see plain pointers.
    @inline(__always)
    func forEachRun(_ body: (_ o: Int, _ ia: Int, _ ib: Int) -> Void) {
        let r = dims.count - 1
        let inner = dims[r]
        guard r > 0 else { body(0, 0, 0); return }
        var index = [Int](repeating: 0, count: r)
        var (ia, ib, o) = (0, 0, 0)
        while o < count {
            body(o, ia, ib)
            o += inner
            var k = r - 1
            while k >= 0 {
                index[k] += 1; ia += aStrides[k]; ib += bStrides[k]
                if index[k] < dims[k] { break }
                ia -= aStrides[k] * dims[k]; ib -= bStrides[k] * dims[k]; index[k] = 0
                k -= 1
            }
        }
    }

    /// `out[o] = K(a[ia], b[ib])` over the broadcast index map. The inner loops index base
    /// pointers with the loop counter only (no overflow-checked index sums), so they vectorise.
    @inline(__always)
    func apply<K: BinaryKernel>(_ kernel: K, _ a: [Scalar], _ b: [Scalar]) -> [Scalar] {
        makeBuffer(count) { out in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let outBase = out.baseAddress, let aBase = pa.baseAddress, let bBase = pb.baseAddress else { return }
                    let d = dims[dims.count - 1]
                    let (as1, bs1) = (aStrides[dims.count - 1], bStrides[dims.count - 1])
                    forEachRun { o, ia, ib in
                        let x = aBase + ia, y = bBase + ib, z = outBase + o
                        if as1 == 1 && bs1 == 1 {
                            for k in 0..<d { z[k] = kernel.apply(x[k], y[k]) }
                        } else if as1 == 1 {
                            let yv = y[0]
                            for k in 0..<d { z[k] = kernel.apply(x[k], yv) }
                        } else if bs1 == 1 {
                            let xv = x[0]
                            for k in 0..<d { z[k] = kernel.apply(xv, y[k]) }
                        } else {
                            let v = kernel.apply(x[0], y[0])
                            for k in 0..<d { z[k] = v }
                        }
                    }
                }
            }
        }
    }

    /// `a` laid out over the result's shape (`out[o] = a[ia]`): the forward of an expansion.
    /// Runs along which `a` is contiguous are copied with `memcpy`.
    func expand(_ a: [Scalar]) -> [Scalar] {
        makeBuffer(count) { out in
            a.withUnsafeBufferPointer { pa in
                guard let outBase = out.baseAddress, let aBase = pa.baseAddress else { return }
                let d = dims[dims.count - 1]
                let contiguous = aStrides[dims.count - 1] == 1
                forEachRun { o, ia, _ in
                    if contiguous {
                        copyFloats(outBase + o, aBase + ia, d)
                    } else {
                        let v = aBase[ia], z = outBase + o
                        for k in 0..<d { z[k] = v }
                    }
                }
            }
        }
    }

    /// Sums `g` (laid out like the result) into an array shaped like input `a` (`first == true`)
    /// or `b`: the adjoint of the broadcast. Returns `g` itself when no broadcasting happened.
    func reduce(_ g: [Scalar], toFirst first: Bool, count targetCount: Int) -> [Scalar] {
        if targetCount == g.count { return g }
        var target = zeroBuffer(targetCount)
        let last = dims.count - 1
        let d = dims[last]
        let contiguous = (first ? aStrides : bStrides)[last] == 1
        target.withUnsafeMutableBufferPointer { t in
            g.withUnsafeBufferPointer { pg in
                guard let tBase = t.baseAddress, let gBase = pg.baseAddress else { return }
                forEachRun { o, ia, ib in
                    let dst = tBase + (first ? ia : ib), src = gBase + o
                    if contiguous {
                        for k in 0..<d { dst[k] += src[k] }
                    } else {
                        dst[0] += sumOf(src, d)
                    }
                }
            }
        }
        return target
    }
}

/// The broadcast of two shapes (see ``BroadcastPlan``); stops with a message naming both when
/// they are incompatible.
func broadcastResultShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = Swift.max(a.count, b.count)
    let pa = [Int](repeating: 1, count: rank - a.count) + a
    let pb = [Int](repeating: 1, count: rank - b.count) + b
    return (0..<rank).map { k in
        precondition(pa[k] == pb[k] || pa[k] == 1 || pb[k] == 1,
                     "broadcast: shapes \(a) and \(b) are incompatible")
        return pa[k] == 1 ? pb[k] : pa[k]
    }
}
