/// An elementwise binary function, specialised per op so the loops inline it.
protocol BinaryKernel {
    func apply(_ a: Scalar, _ b: Scalar) -> Scalar
}
struct AddKernel: BinaryKernel { @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { a + b } }
struct SubKernel: BinaryKernel { @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { a - b } }
struct MulKernel: BinaryKernel { @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { a * b } }
struct DivKernel: BinaryKernel { @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { a / b } }
/// `−a / b`: the divisor's gradient `−g·y/b` once `a = g·y`.
struct NegDivKernel: BinaryKernel { @inline(__always) func apply(_ a: Scalar, _ b: Scalar) -> Scalar { -a / b } }

func elementwise<K: BinaryKernel>(_ kernel: K, _ a: [Scalar], _ b: [Scalar]) -> [Scalar] {
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

    public static func + (a: Tensor, b: Scalar) -> Tensor { a + Tensor(scalar: b) }
    public static func + (a: Scalar, b: Tensor) -> Tensor { Tensor(scalar: a) + b }
    public static func - (a: Tensor, b: Scalar) -> Tensor { a - Tensor(scalar: b) }
    public static func - (a: Scalar, b: Tensor) -> Tensor { Tensor(scalar: a) - b }
    public static func * (a: Tensor, b: Scalar) -> Tensor { a * Tensor(scalar: b) }
    public static func * (a: Scalar, b: Tensor) -> Tensor { Tensor(scalar: a) * b }
    public static func / (a: Tensor, b: Scalar) -> Tensor { a / Tensor(scalar: b) }
    public static func / (a: Scalar, b: Tensor) -> Tensor { Tensor(scalar: a) / b }
}
