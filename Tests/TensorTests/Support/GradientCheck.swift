import Randomness
import Tensor
import Testing

/// Where the random inputs of a gradient check are drawn, so that finite differences do not
/// straddle a kink or leave an op's domain.
enum InputDomain {
    /// `z ~ N(0, 1)`.
    case any
    /// `|z| + 0.5`: for log, sqrt, fractional powers.
    case positive
    /// `sign(z)·(|z| + 0.2)`: for abs, relu, division (no value within 0.2 of zero).
    case awayFromZero
}

/// Analytic versus central-difference gradients of `f` at seeded random inputs.
///
/// `f` maps the inputs (shapes `shapes`) to a tensor of any shape; the scalar differentiated is
/// `L = Σ R ⊙ f(inputs)` with a fixed random `R ~ N(0, 1)` of the output's shape, so ops whose
/// plain sum has a trivial gradient (softmax: `∂Σ softmax = 0`) are still checked. The numeric
/// derivative is `(L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h` evaluated in Float32 without a graph.
/// Returns the worst normalised error `|analytic − numeric| / max(1, |numeric|)` over all
/// elements of all inputs.
func gradientError(shapes: [[Int]], domain: InputDomain = .any, seed: UInt64 = 7, step: Float = 1e-2,
                   _ f: ([Tensor]) -> Tensor) -> (error: Double, worst: String) {
    var generator = Xoshiro256StarStar(seed: seed)
    let inputs = shapes.map { shape -> Tensor in
        let z = Tensor.randn(shape, generator: &generator)
        let values = z.data.map { v -> Float in
            switch domain {
            case .any: return v
            case .positive: return Swift.abs(v) + 0.5
            case .awayFromZero: return (v < 0 ? -1 : 1) * (Swift.abs(v) + 0.2)
            }
        }
        return Tensor(values, shape: shape, requiresGrad: true)
    }
    let output = f(inputs)
    let weights = Tensor.randn(output.shape, generator: &generator)
    (output * weights).sum().backward()

    func loss() -> Double {
        Tensor.noGrad { Double((f(inputs) * weights).sum().item) }
    }
    var worst = 0.0, where_ = ""
    for (k, input) in inputs.enumerated() {
        let analytic = input.grad ?? [Float](repeating: 0, count: input.count)
        for i in 0..<input.count {
            let saved = input.data[i]
            input.data[i] = saved + step
            let plus = loss()
            input.data[i] = saved - step
            let minus = loss()
            input.data[i] = saved
            let numeric = (plus - minus) / (2 * Double(step))
            let error = Swift.abs(Double(analytic[i]) - numeric) / Swift.max(1, Swift.abs(numeric))
            if !(error <= worst) {   // a NaN is the worst, and stays so: infinity
                worst = error.isNaN ? .infinity : error
                where_ = "input \(k) element \(i): analytic \(analytic[i]), numeric \(numeric)"
            }
        }
    }
    return (worst, where_)
}

/// One-line gradient test (tinygrad `test_ops.py` style):
/// `checkGradient("tanh", shapes: [[3, 4]]) { $0[0].tanh() }`.
func checkGradient(_ name: String, shapes: [[Int]], domain: InputDomain = .any, seed: UInt64 = 7,
                   tolerance: Double = 1e-2, sourceLocation: SourceLocation = #_sourceLocation,
                   _ f: ([Tensor]) -> Tensor) {
    let (error, worst) = gradientError(shapes: shapes, domain: domain, seed: seed, f)
    #expect(error <= tolerance, "\(name): gradient error \(error) at \(worst)", sourceLocation: sourceLocation)
}

/// Identity `[d, d]` scaled by `value`.
func eye(_ d: Int, _ value: Float = 1) -> Tensor {
    var m = [Float](repeating: 0, count: d * d)
    for i in 0..<d { m[i * d + i] = value }
    return Tensor(m, shape: [d, d])
}
