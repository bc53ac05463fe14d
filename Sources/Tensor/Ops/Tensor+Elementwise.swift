#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An elementwise function `y = f(x)` with its derivative expressed through `x` and `y`
/// (whichever is cheaper), specialised per op so the loops inline it.
protocol UnaryKernel {
    func forward(_ x: Scalar) -> Scalar
    func derivative(x: Scalar, y: Scalar) -> Scalar
}

extension Tensor {
    /// The generic unary primitive: `y = f(x)`, `∂x = g ⊙ f′(x)`.
    func unary<K: UnaryKernel>(_ kernel: K) -> Tensor {
        let x = data
        let y = makeBuffer(x.count) { out in
            x.withUnsafeBufferPointer { px in
                guard let z = out.baseAddress, let p = px.baseAddress else { return }
                for i in 0..<px.count { z[i] = kernel.forward(p[i]) }
            }
        }
        return Tensor.primitive(y, shape: shape, parents: [self]) { [self] g in
            let dx = makeBuffer(x.count) { out in
                x.withUnsafeBufferPointer { px in
                    y.withUnsafeBufferPointer { py in
                        g.withUnsafeBufferPointer { pg in
                            guard let z = out.baseAddress, let a = px.baseAddress, let b = py.baseAddress,
                                  let c = pg.baseAddress else { return }
                            for i in 0..<px.count { z[i] = c[i] * kernel.derivative(x: a[i], y: b[i]) }
                        }
                    }
                }
            }
            self.accumulateGrad(dx)
        }
    }

    /// `−x`.
    public static prefix func - (x: Tensor) -> Tensor { x.unary(NegKernel()) }
    /// `eˣ`; `∂ = y`.
    public func exp() -> Tensor { unary(ExpKernel()) }
    /// Natural logarithm (x > 0); `∂ = 1/x`.
    public func log() -> Tensor { unary(LogKernel()) }
    /// `√x` (x > 0); `∂ = 1/(2y)`.
    public func sqrt() -> Tensor { unary(SqrtKernel()) }
    /// `xᵖ` for a constant exponent (x > 0 unless p is an integer); `∂ = p·xᵖ⁻¹`.
    public func pow(_ p: Scalar) -> Tensor { p == 2 ? unary(SquareKernel()) : unary(PowKernel(p: p)) }
    /// `|x|`; `∂ = sign(x)` (0 at 0).
    public func abs() -> Tensor { unary(AbsKernel()) }
    /// `max(x, 0)`; `∂ = 1[x > 0]`.
    public func relu() -> Tensor { unary(LeakyReluKernel(slope: 0)) }
    /// `x` for `x > 0`, else `slope·x`; `∂ = 1` or `slope`.
    public func leakyRelu(slope: Scalar = 0.01) -> Tensor { unary(LeakyReluKernel(slope: slope)) }
    /// `tanh x`; `∂ = 1 − y²`.
    public func tanh() -> Tensor { unary(TanhKernel()) }
    /// `σ(x) = 1/(1 + e⁻ˣ)`, evaluated as `eˣ/(1 + eˣ)` for `x < 0` so it never overflows; `∂ = y(1 − y)`.
    public func sigmoid() -> Tensor { unary(SigmoidKernel()) }
    /// `log(1 + eˣ)`, evaluated stably as `max(x, 0) + log1p(e^{−|x|})`; `∂ = σ(x)`.
    public func softplus() -> Tensor { unary(SoftplusKernel()) }
}

struct NegKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { -x }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { -1 }
}
struct ExpKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { LibM.exp(x) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { y }
}
struct LogKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { LibM.log(x) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { 1 / x }
}
struct SqrtKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { LibM.sqrt(x) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { 0.5 / y }
}
struct PowKernel: UnaryKernel {
    let p: Scalar
    @inline(__always) func forward(_ x: Scalar) -> Scalar { LibM.pow(x, p) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { p * LibM.pow(x, p - 1) }
}
struct SquareKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { x * x }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { 2 * x }
}
struct AbsKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { Swift.abs(x) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}
struct LeakyReluKernel: UnaryKernel {
    let slope: Scalar
    @inline(__always) func forward(_ x: Scalar) -> Scalar { x > 0 ? x : slope * x }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { x > 0 ? 1 : slope }
}
struct TanhKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { LibM.tanh(x) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { 1 - y * y }
}
struct SigmoidKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar {
        if x >= 0 { return 1 / (1 + LibM.exp(-x)) }
        let e = LibM.exp(x)
        return e / (1 + e)
    }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { y * (1 - y) }
}
struct SoftplusKernel: UnaryKernel {
    @inline(__always) func forward(_ x: Scalar) -> Scalar { Swift.max(x, 0) + LibM.log1p(LibM.exp(-Swift.abs(x))) }
    @inline(__always) func derivative(x: Scalar, y: Scalar) -> Scalar { SigmoidKernel().forward(x) }
}
