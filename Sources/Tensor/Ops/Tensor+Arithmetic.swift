/// How two shapes broadcast (NumPy rules restricted to rank ≤ 3): shapes are right-aligned and
/// padded with leading 1s to rank 3; each dimension pair must be equal or contain a 1, and the
/// result takes the larger. Typical uses: `[m, n] ⊕ [n]`, `[m, n] ⊕ [1, n]`, `[m, n] ⊕ [m, 1]`,
/// anything ⊕ scalar `[]`.
///
/// Element `(i₀, i₁, i₂)` of the result reads `a[Σ iₖ·aStrideₖ]`, with stride 0 along a
/// broadcast dimension. The gradient of an input is the result's gradient summed over the
/// dimensions along which that input was broadcast, which is the same index map used to scatter.
struct BroadcastPlan {
    let shape: [Int]
    let dims: (Int, Int, Int)
    let aStrides: (Int, Int, Int)
    let bStrides: (Int, Int, Int)

    init(_ a: [Int], _ b: [Int]) {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: 3 - a.count) + a
        let pb = [Int](repeating: 1, count: 3 - b.count) + b
        var out = [Int](repeating: 1, count: 3)
        for k in 0..<3 {
            precondition(pa[k] == pb[k] || pa[k] == 1 || pb[k] == 1,
                         "broadcast: shapes \(a) and \(b) are incompatible")
            out[k] = pa[k] == 1 ? pb[k] : pa[k]
        }
        func strides(_ p: [Int]) -> (Int, Int, Int) {
            let s = [p[1] * p[2], p[2], 1]
            return (p[0] == 1 ? 0 : s[0], p[1] == 1 ? 0 : s[1], p[2] == 1 ? 0 : s[2])
        }
        shape = Array(out.suffix(rank))
        dims = (out[0], out[1], out[2])
        aStrides = strides(pa)
        bStrides = strides(pb)
    }

    var count: Int { dims.0 * dims.1 * dims.2 }

    /// `out[o] = K(a[ia], b[ib])` over the broadcast index map. The inner loops index base
    /// pointers with the loop counter only (no overflow-checked index sums), so they vectorise.
    @inline(__always)
    func apply<K: BinaryKernel>(_ kernel: K, _ a: [Float], _ b: [Float]) -> [Float] {
        makeBuffer(count) { out in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    guard let outBase = out.baseAddress, let aBase = pa.baseAddress, let bBase = pb.baseAddress else { return }
                    let (d0, d1, d2) = dims
                    let (as2, bs2) = (aStrides.2, bStrides.2)
                    var o = 0
                    for i0 in 0..<d0 {
                        for i1 in 0..<d1 {
                            let x = aBase + (i0 * aStrides.0 + i1 * aStrides.1)
                            let y = bBase + (i0 * bStrides.0 + i1 * bStrides.1)
                            let z = outBase + o
                            if as2 == 1 && bs2 == 1 {
                                for k in 0..<d2 { z[k] = kernel.apply(x[k], y[k]) }
                            } else if as2 == 1 {
                                let yv = y[0]
                                for k in 0..<d2 { z[k] = kernel.apply(x[k], yv) }
                            } else if bs2 == 1 {
                                let xv = x[0]
                                for k in 0..<d2 { z[k] = kernel.apply(xv, y[k]) }
                            } else {
                                let v = kernel.apply(x[0], y[0])
                                for k in 0..<d2 { z[k] = v }
                            }
                            o += d2
                        }
                    }
                }
            }
        }
    }

    /// Sums `g` (laid out like the result) into an array shaped like input `a` (`first == true`)
    /// or `b`: the adjoint of the broadcast. Returns `g` itself when no broadcasting happened.
    func reduce(_ g: [Float], toFirst first: Bool, count targetCount: Int) -> [Float] {
        if targetCount == g.count { return g }
        let (s0, s1, s2) = first ? aStrides : bStrides
        var target = zeroBuffer(targetCount)
        target.withUnsafeMutableBufferPointer { t in
            g.withUnsafeBufferPointer { pg in
                guard let tBase = t.baseAddress, let gBase = pg.baseAddress else { return }
                let (d0, d1, d2) = dims
                var o = 0
                for i0 in 0..<d0 {
                    for i1 in 0..<d1 {
                        let dst = tBase + (i0 * s0 + i1 * s1)
                        let src = gBase + o
                        if s2 == 1 {
                            for k in 0..<d2 { dst[k] += src[k] }
                        } else {
                            dst[0] += sumOf(src, d2)
                        }
                        o += d2
                    }
                }
            }
        }
        return target
    }
}

/// An elementwise binary function, specialised per op so the loops inline it.
protocol BinaryKernel {
    func apply(_ a: Float, _ b: Float) -> Float
}
struct AddKernel: BinaryKernel { @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a + b } }
struct SubKernel: BinaryKernel { @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a - b } }
struct MulKernel: BinaryKernel { @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a * b } }
struct DivKernel: BinaryKernel { @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { a / b } }
/// `−a / b`: the divisor's gradient `−g·y/b` once `a = g·y`.
struct NegDivKernel: BinaryKernel { @inline(__always) func apply(_ a: Float, _ b: Float) -> Float { -a / b } }

func elementwise<K: BinaryKernel>(_ kernel: K, _ a: [Float], _ b: [Float]) -> [Float] {
    precondition(a.count == b.count)
    return makeBuffer(a.count) { out in
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let z = out.baseAddress, let x = pa.baseAddress, let y = pb.baseAddress else { return }
                for i in 0..<pa.count { z[i] = kernel.apply(x[i], y[i]) }
            }
        }
    }
}

extension Tensor {
    /// `y = a + b` with broadcasting; `∂a = Σ_broadcast g`, `∂b = Σ_broadcast g`.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        return primitive(plan.apply(AddKernel(), a.data, b.data), shape: plan.shape, parents: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(plan.reduce(g, toFirst: true, count: a.count)) }
            if b.requiresGrad { b.accumulateGrad(plan.reduce(g, toFirst: false, count: b.count)) }
        }
    }

    /// `y = a − b` with broadcasting; `∂a = Σ g`, `∂b = −Σ g`.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        return primitive(plan.apply(SubKernel(), a.data, b.data), shape: plan.shape, parents: [a, b]) { g in
            if a.requiresGrad { a.accumulateGrad(plan.reduce(g, toFirst: true, count: a.count)) }
            if b.requiresGrad {
                let negated = g.map { -$0 }
                b.accumulateGrad(plan.reduce(negated, toFirst: false, count: b.count))
            }
        }
    }

    /// `y = a ⊙ b` with broadcasting; `∂a = Σ g⊙b`, `∂b = Σ g⊙a`.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        return primitive(plan.apply(MulKernel(), a.data, b.data), shape: plan.shape, parents: [a, b]) { g in
            if a.requiresGrad {
                let gb = BroadcastPlan(plan.shape, b.shape).apply(MulKernel(), g, b.data)
                a.accumulateGrad(plan.reduce(gb, toFirst: true, count: a.count))
            }
            if b.requiresGrad {
                let ga = BroadcastPlan(plan.shape, a.shape).apply(MulKernel(), g, a.data)
                b.accumulateGrad(plan.reduce(ga, toFirst: false, count: b.count))
            }
        }
    }

    /// `y = a / b` with broadcasting; `∂a = Σ g/b`, `∂b = −Σ g⊙y/b`.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let plan = BroadcastPlan(a.shape, b.shape)
        let y = plan.apply(DivKernel(), a.data, b.data)
        return primitive(y, shape: plan.shape, parents: [a, b]) { g in
            let againstB = BroadcastPlan(plan.shape, b.shape)
            if a.requiresGrad {
                a.accumulateGrad(plan.reduce(againstB.apply(DivKernel(), g, b.data), toFirst: true, count: a.count))
            }
            if b.requiresGrad {
                let gy = elementwise(MulKernel(), g, y)
                b.accumulateGrad(plan.reduce(againstB.apply(NegDivKernel(), gy, b.data), toFirst: false, count: b.count))
            }
        }
    }

    public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(scalar: b) }
    public static func + (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) + b }
    public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(scalar: b) }
    public static func - (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) - b }
    public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(scalar: b) }
    public static func * (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) * b }
    public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(scalar: b) }
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(scalar: a) / b }
}
