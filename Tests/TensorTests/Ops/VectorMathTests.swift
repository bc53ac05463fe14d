#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Tensor
import Testing

@Suite struct VectorMathTests {
    /// The polynomial exp, σ and tanh against glibc over the whole useful range, including the
    /// clamped tails and ±0.
    @Test func matchesLibm() {
        var worstExp: Float = 0, worstSigmoid: Float = 0, worstTanh: Float = 0
        var x: Float = -100
        while x <= 100 {
            let v = Scalar8(repeating: x)
            let e = VectorMath.exp(v)[0], reference = expf(Swift.min(Swift.max(x, -87.3), 88))
            worstExp = worse(worstExp, Swift.abs(e - reference) / reference)
            worstSigmoid = worse(worstSigmoid, Swift.abs(VectorMath.sigmoid(v)[0] - 1 / (1 + expf(-x))))
            worstTanh = worse(worstTanh, Swift.abs(VectorMath.tanh(v)[0] - tanhf(x)))
            x += 0.017_3
        }
        #expect(worstExp < 3e-7, "exp relative error \(worstExp)")
        #expect(worstSigmoid < 2e-7, "sigmoid error \(worstSigmoid)")
        #expect(worstTanh < 3e-7, "tanh error \(worstTanh)")
        #expect(VectorMath.tanh(Scalar8(repeating: 0))[0] == 0)
        #expect(VectorMath.tanh(Scalar8(repeating: -1e-3))[0] < 0)
        #expect(VectorMath.sigmoid(Scalar8(repeating: 200))[0] == 1)
        #expect(VectorMath.sigmoid(Scalar8(repeating: -200))[0] >= 0)
        #expect(VectorMath.tanh(Scalar8(repeating: -200))[0] == -1)
    }

    /// The larger error, a NaN counting as the worst (Swift.max would drop it).
    private func worse(_ worst: Float, _ error: Float) -> Float {
        error <= worst ? worst : (error.isNaN ? .infinity : error)
    }
}
