/// Eight-lane `exp`, `σ` and `tanh` for the fused recurrent kernels (``Tensor/lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``,
/// ``Tensor/gru(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:mask:reversed:)``).
///
/// glibc's `expf`/`tanhf` are scalar calls the compiler cannot vectorise; a BiLSTM training step
/// of the VRAE's size evaluates about 10⁸ of them, which took longer than its matrix products.
/// These are branch-free polynomial versions on `SIMD8<Float>`:
///
/// - `exp(x)`: Cephes `expf` — `x = n·ln2 + r` with `n = round(x/ln2)` (by the 1.5·2²³ rounding
///   trick), `|r| ≤ ln2/2`, `eʳ` by a degree-6 polynomial (relative error ≈ 2 ulp), `2ⁿ` built in
///   the exponent bits; `x` is clamped to `[−87.3, 88]`, so `exp` never returns `inf` or a
///   subnormal.
/// - `σ(x) = 1/(1 + e⁻ˣ)`: exact limits 0 and 1 far out, absolute error ≲ 1e-7.
/// - `tanh(x) = sign(x)·(1 − 2/(e^{2|x|} + 1))`: absolute error ≲ 2e-7 (relative accuracy is lost
///   only for |x| ≲ 1e-7, where tanh x ≈ x is far below the values that matter here).
///
/// The scalar forms (`sigmoid1`, `tanh1`) evaluate the same formulas lane-wise, so a tail of fewer
/// than eight values gives the same results as a full vector.
///
/// The Float64 build (`TENSOR_FLOAT64`, for gradient checks) evaluates libm's `exp` and `tanh` lane
/// by lane instead: the bit tricks above are Float32's, and a Float32-accurate function would
/// drown the float64 finite differences in its approximation error.
typealias Scalar8 = SIMD8<Scalar>

enum VectorMath {
    #if TENSOR_FLOAT64
    /// libm's `exp`, lane by lane.
    @inline(__always)
    static func exp(_ x: Scalar8) -> Scalar8 { laneWise(x, LibM.exp) }

    /// libm's `tanh`, lane by lane.
    @inline(__always)
    static func tanh(_ x: Scalar8) -> Scalar8 { laneWise(x, LibM.tanh) }

    /// `f` applied to each lane.
    @inline(__always)
    private static func laneWise(_ x: Scalar8, _ f: (Scalar) -> Scalar) -> Scalar8 {
        var y = Scalar8()
        for l in 0..<8 { y[l] = f(x[l]) }
        return y
    }
    #else
    /// Cephes `expf` (see above).
    @inline(__always)
    static func exp(_ x: Scalar8) -> Scalar8 {
        // (`clamped(lowerBound:upperBound:)` calls the generic pointwiseMin/Max out of line: twice as slow)
        let (low, high) = (Scalar8(repeating: -87.3), Scalar8(repeating: 88))
        let clamped = x.replacing(with: high, where: x .> high).replacing(with: low, where: x .< low)
        // n = round(x·log2 e) with the magic number 1.5·2²³: the float's low mantissa bits then
        // hold n (two's complement), so 2ⁿ is (bits − magicBits + 127) << 23.
        let magic = Scalar8(repeating: 12_582_912)
        let shifted = clamped * Scalar8(repeating: 1.442_695_04) + magic
        let n = shifted - magic
        var r = clamped - n * Scalar8(repeating: 0.693_359_375)
        r = r - n * Scalar8(repeating: -2.121_944_4e-4)
        var p = Scalar8(repeating: 1.987_569_15e-4)
        p = p * r + Scalar8(repeating: 1.398_199_950_7e-3)
        p = p * r + Scalar8(repeating: 8.333_451_907_3e-3)
        p = p * r + Scalar8(repeating: 4.166_579_589_4e-2)
        p = p * r + Scalar8(repeating: 1.666_666_545_9e-1)
        p = p * r + Scalar8(repeating: 5.000_000_120_1e-1)
        p = p * (r * r) + r + Scalar8(repeating: 1)
        let bits = unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- UInt32(0x4B40_0000 - 127)
        return p * unsafeBitCast(bits &<< 23, to: Scalar8.self)
    }

    /// `sign(x)·(1 − 2/(e^{2|x|} + 1))`.
    @inline(__always)
    static func tanh(_ x: Scalar8) -> Scalar8 {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        let sign = bits & 0x8000_0000
        let magnitude = unsafeBitCast(bits & 0x7FFF_FFFF, to: Scalar8.self)
        let t = Scalar8(repeating: 1) - Scalar8(repeating: 2) / (exp(magnitude * 2) + 1)
        return unsafeBitCast(unsafeBitCast(t, to: SIMD8<UInt32>.self) | sign, to: Scalar8.self)
    }
    #endif

    /// `1/(1 + e⁻ˣ)`.
    @inline(__always)
    static func sigmoid(_ x: Scalar8) -> Scalar8 {
        Scalar8(repeating: 1) / (Scalar8(repeating: 1) + exp(-x))
    }

    /// `σ(x)` for one value, through the vector form.
    @inline(__always)
    static func sigmoid1(_ x: Scalar) -> Scalar { sigmoid(Scalar8(repeating: x))[0] }

    /// `tanh(x)` for one value, through the vector form.
    @inline(__always)
    static func tanh1(_ x: Scalar) -> Scalar { tanh(Scalar8(repeating: x))[0] }
}

extension UnsafePointer where Pointee == Scalar {
    /// Eight values from `self + offset`, no alignment required.
    @inline(__always)
    func load8(_ offset: Int) -> Scalar8 {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Scalar8.self)
    }
}

extension UnsafeMutablePointer where Pointee == Scalar {
    @inline(__always)
    func load8(_ offset: Int) -> Scalar8 {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Scalar8.self)
    }

    /// Stores eight values at `self + offset`, no alignment required.
    @inline(__always)
    func store8(_ value: Scalar8, _ offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: Scalar8.self)
    }
}
