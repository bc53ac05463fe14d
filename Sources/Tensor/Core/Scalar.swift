import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element type of every tensor: its values, its gradient, the optimizers' state, the
/// hyperparameters that multiply them. `Float` (Float32) in the module the toolkit links; `Double`
/// when the same sources are compiled with the condition `TENSOR_FLOAT64`, which only the
/// test-only module `TensorFloat64` is (see Package.swift), so that finite-difference gradient
/// checks can run in float64, as PyTorch's `gradcheck` does, on exactly the code the detectors run.
///
/// A type alias is transparent to the compiler: in the Float32 build the module's code and its
/// public API are the same as with `Float` written out. The few C routines whose name carries the
/// precision are called through the wrappers below (``LibM``, `gemm`), the one place that
/// chooses between the `s`/`f` and the `d` variants; the eight-lane kernels of `VectorMath` are
/// the other place that depends on it.
#if TENSOR_FLOAT64
public typealias Scalar = Double
#else
public typealias Scalar = Float
#endif

/// The C math library's functions in ``Scalar``: `expf`, `logf`, … in the Float32 build, `exp`,
/// `log`, … in the Float64 build. Transparent, so that a call compiles to the libm call it stands
/// for, as if written out, in debug builds too.
enum LibM {
    #if TENSOR_FLOAT64
    @_transparent static func exp(_ x: Scalar) -> Scalar { Glibc.exp(x) }
    @_transparent static func log(_ x: Scalar) -> Scalar { Glibc.log(x) }
    @_transparent static func log1p(_ x: Scalar) -> Scalar { Glibc.log1p(x) }
    @_transparent static func sqrt(_ x: Scalar) -> Scalar { Glibc.sqrt(x) }
    @_transparent static func pow(_ x: Scalar, _ y: Scalar) -> Scalar { Glibc.pow(x, y) }
    @_transparent static func tanh(_ x: Scalar) -> Scalar { Glibc.tanh(x) }
    @_transparent static func cos(_ x: Scalar) -> Scalar { Glibc.cos(x) }
    #else
    @_transparent static func exp(_ x: Scalar) -> Scalar { expf(x) }
    @_transparent static func log(_ x: Scalar) -> Scalar { logf(x) }
    @_transparent static func log1p(_ x: Scalar) -> Scalar { log1pf(x) }
    @_transparent static func sqrt(_ x: Scalar) -> Scalar { sqrtf(x) }
    @_transparent static func pow(_ x: Scalar, _ y: Scalar) -> Scalar { powf(x, y) }
    @_transparent static func tanh(_ x: Scalar) -> Scalar { tanhf(x) }
    @_transparent static func cos(_ x: Scalar) -> Scalar { cosf(x) }
    #endif
}

/// `C = op(A)·op(B) + β·C` row-major with explicit leading dimensions, so that operands can be
/// row blocks of a larger buffer: time step `t` of a `[B, T, n]` buffer is the `[B, n]` matrix at
/// offset `t·n` with leading dimension `T·n`. `op(A)` is `m × k`, `op(B)` is `k × n`. OpenBLAS
/// `cblas_sgemm` (`cblas_dgemm` in the Float64 build).
@inline(__always)
func gemm(_ a: UnsafePointer<Scalar>, lda: Int, transposeA: Bool,
          _ b: UnsafePointer<Scalar>, ldb: Int, transposeB: Bool,
          _ c: UnsafeMutablePointer<Scalar>, ldc: Int, m: Int, n: Int, k: Int, beta: Scalar) {
    #if TENSOR_FLOAT64
    cblas_dgemm(CblasRowMajor,
                transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    #else
    cblas_sgemm(CblasRowMajor,
                transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    #endif
}

/// `C[m, n] = op(A)·op(B) + β·C` of whole row-major matrices, where `op` is the identity or the
/// transpose; `A` is stored `[m, k]` (or `[k, m]` when transposed).
@inline(__always)
func gemm(_ a: UnsafePointer<Scalar>, transposeA: Bool, _ b: UnsafePointer<Scalar>, transposeB: Bool,
          _ c: UnsafeMutablePointer<Scalar>, m: Int, n: Int, k: Int, beta: Scalar = 0) {
    gemm(a, lda: transposeA ? m : k, transposeA: transposeA, b, ldb: transposeB ? k : n, transposeB: transposeB,
         c, ldc: n, m: m, n: n, k: k, beta: beta)
}
