import Randomness
import TensorFloat64
import Testing

// The gradient checker of TensorTests (Tests/TensorTests/Support/GradientCheck.swift) for the
// Float64 build of the Tensor module, which also checks the parameters of modules.

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

/// The central-difference step `h`, PyTorch's `gradcheck` default. With `ε ≈ 2.2e-16` the
/// numeric derivative errs by the truncation `h²·|L‴|/6` (≈ 1e-13 here) plus the rounding of the
/// two evaluations of `L`, about `ε·S/h ≈ 2e-10·S` for terms of total magnitude `S`; `h = 1e-6`
/// is near the minimum of the two for the sizes checked here.
let finiteDifferenceStep = 1e-6

/// The default bound on the normalised error `|analytic − numeric| / max(1, |numeric|)`.
/// Measured over every check of this target: at most 2e-8, mostly about 1e-9 (the rounding of
/// `L`), so 1e-6 leaves a margin of 50 while a gradient wrong by one part in 10⁴ fails (see
/// `GradientCheckTests`); the Float32 checks' 1e-2 lets an error of half a percent pass.
let defaultTolerance = 1e-6

/// The inputs `shapes`, seeded random in `domain`, each requiring a gradient.
func randomInputs(_ shapes: [[Int]], domain: InputDomain, generator: inout Xoshiro256StarStar) -> [Tensor] {
    shapes.map { shape -> Tensor in
        let z = Tensor.randn(shape, generator: &generator)
        let values = z.data.map { v -> Double in
            switch domain {
            case .any: return v
            case .positive: return Swift.abs(v) + 0.5
            case .awayFromZero: return (v < 0 ? -1 : 1) * (Swift.abs(v) + 0.2)
            }
        }
        return Tensor(values, shape: shape, requiresGrad: true)
    }
}

/// Analytic versus central-difference gradients of `f` with respect to every element of the
/// named `tensors` (inputs, parameters), which `f` reads.
///
/// The scalar differentiated is `L = Σ R ⊙ f()` with a fixed random `R ~ N(0, 1)` of the output's
/// shape (drawn from `generator`), so ops whose plain sum has a trivial gradient (softmax) are
/// still checked. The numeric derivative is `(L(x + h·eᵢ) − L(x − h·eᵢ)) / 2h` with `f`
/// evaluated without a graph. `f` must be a function of the tensors' values only (no state that
/// changes from call to call: evaluation-mode spectral norm, a dropout mask drawn from a fixed
/// seed). Of a tensor with more than `sample` elements, `sample` of them drawn at random are
/// checked (for sizes that exercise a kernel's parallel parts). Returns the worst normalised error
/// `|analytic − numeric| / max(1, |numeric|)`.
func gradientError(of tensors: [(name: String, tensor: Tensor)], generator: inout Xoshiro256StarStar,
                   step: Double = finiteDifferenceStep, sample: Int? = nil,
                   _ f: () -> Tensor) -> (error: Double, worst: String) {
    for (_, t) in tensors { t.zeroGrad() }
    let output = f()
    let weights = Tensor.randn(output.shape, generator: &generator)
    (output * weights).sum().backward()

    func loss() -> Double {
        Tensor.noGrad { (f() * weights).sum().item }
    }
    var worst = 0.0, where_ = ""
    for (name, tensor) in tensors {
        let analytic = tensor.grad ?? [Double](repeating: 0, count: tensor.count)
        var elements = Array(0..<tensor.count)
        if let sample, sample < tensor.count { elements = generator.sampleWithoutReplacement(sample, from: tensor.count) }
        for i in elements {
            let saved = tensor.data[i]
            tensor.data[i] = saved + step
            let plus = loss()
            tensor.data[i] = saved - step
            let minus = loss()
            tensor.data[i] = saved
            let numeric = (plus - minus) / (2 * step)
            let error = Swift.abs(analytic[i] - numeric) / Swift.max(1, Swift.abs(numeric))
            if !(error <= worst) {   // a NaN is the worst, and stays so: infinity
                worst = error.isNaN ? .infinity : error
                where_ = "\(name) element \(i): analytic \(analytic[i]), numeric \(numeric)"
            }
        }
    }
    return (worst, where_)
}

/// Random inputs of `shapes` (seeded) and the trainable parameters of `modules`, all checked.
func gradientError(_ modules: [any Module] = [], shapes: [[Int]], domain: InputDomain = .any, seed: UInt64 = 7,
                   step: Double = finiteDifferenceStep, sample: Int? = nil,
                   _ f: ([Tensor]) -> Tensor) -> (error: Double, worst: String) {
    var generator = Xoshiro256StarStar(seed: seed)
    let inputs = randomInputs(shapes, domain: domain, generator: &generator)
    let parameters = modules.enumerated().flatMap { k, module in
        module.namedParameters.filter(\.tensor.requiresGrad).map { (name: modules.count > 1 ? "module \(k) \($0.name)" : $0.name, tensor: $0.tensor) }
    }
    let named = inputs.enumerated().map { (name: "input \($0.offset)", tensor: $0.element) } + parameters
    return gradientError(of: named, generator: &generator, step: step, sample: sample) { f(inputs) }
}

/// One-line gradient check, as in TensorTests: `checkGradient("tanh", shapes: [[3, 4]]) { $0[0].tanh() }`;
/// with modules, their parameters are checked too: `checkGradient("linear", layer, shapes: [[2, 4]]) { layer($0[0]) }`.
func checkGradient(_ name: String, _ modules: any Module..., shapes: [[Int]], domain: InputDomain = .any, seed: UInt64 = 7,
                   step: Double = finiteDifferenceStep, sample: Int? = nil, tolerance: Double = defaultTolerance,
                   sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
    let (error, worst) = gradientError(modules, shapes: shapes, domain: domain, seed: seed, step: step, sample: sample, f)
    #expect(error <= tolerance, "\(name): gradient error \(error) at \(worst)", sourceLocation: sourceLocation)
}

/// Identity `[d, d]` scaled by `value`.
func eye(_ d: Int, _ value: Double = 1) -> Tensor {
    var m = [Double](repeating: 0, count: d * d)
    for i in 0..<d { m[i * d + i] = value }
    return Tensor(m, shape: [d, d])
}
