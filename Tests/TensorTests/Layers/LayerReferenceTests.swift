import Foundation
import Randomness
import Tensor
import Testing
import TestSupport

/// The layers against PyTorch 2.13: forward outputs and the gradients of `Σ R ⊙ output` with
/// respect to the input and every parameter, from `Fixtures/tensor/layer-reference.json`
/// (written by `Fixtures/scripts/layer-reference.py`; the tests need no Python).
@Suite struct LayerReferenceTests {
    struct Values: Decodable {
        let shape: [Int]
        let data: [Float]
    }
    struct Case: Decodable {
        let name: String
        let layer: String
        let input: Values
        let output: Values
        let outputWeight: Values
        let inputGrad: Values?
        let parameters: [String: Values]
        let parameterGrads: [String: Values]
        let training: Bool?
        let runningMeanBefore: Values?
        let runningVarBefore: Values?
        let runningMeanAfter: Values?
        let runningVarAfter: Values?
        let valid: [Bool]?
        let ids: [Int]?
        let u: Values?
        let v: Values?
    }
    struct Document: Decodable { let cases: [Case] }

    static let cases: [String: Case] = {
        let document: Document = decodedFixture("tensor/layer-reference.json")
        return Dictionary(uniqueKeysWithValues: document.cases.map { ($0.name, $0) })
    }()

    /// Loads the case's parameters into `module` (by state-dict name), runs `forward`, and
    /// compares the output and every gradient.
    static func check(_ name: String, _ module: any Module, tolerance: Float = 2e-5,
                      sourceLocation: SourceLocation = #_sourceLocation, _ forward: (Tensor) -> Tensor) throws {
        let c = try #require(cases[name], sourceLocation: sourceLocation)
        var state = Dictionary(uniqueKeysWithValues: module.stateDict().map { ($0.name, (shape: $0.tensor.shape, values: $0.tensor.data)) })
        for (key, values) in c.parameters { state[key] = (values.shape, values.data) }
        if let mean = c.runningMeanBefore, let variance = c.runningVarBefore {
            state["running_mean"] = (mean.shape, mean.data)
            state["running_var"] = (variance.shape, variance.data)
        }
        try module.loadStateDict(state)
        let x = Tensor(c.input.data, shape: c.input.shape, requiresGrad: true)
        let y = forward(x)
        #expect(y.shape == c.output.shape, sourceLocation: sourceLocation)
        expectClose(y.data, c.output.data, tolerance: tolerance, sourceLocation: sourceLocation)
        (y * Tensor(c.outputWeight.data, shape: c.outputWeight.shape)).sum().backward()
        if let g = c.inputGrad { expectClose(x.grad ?? [], g.data, tolerance: tolerance, sourceLocation: sourceLocation) }
        let parameters = Dictionary(uniqueKeysWithValues: module.namedParameters.map { ($0.name, $0.tensor) })
        for (key, expected) in c.parameterGrads {
            let p = try #require(parameters[key], "\(name): no parameter \(key)", sourceLocation: sourceLocation)
            expectClose(p.grad ?? [], expected.data, tolerance: tolerance, sourceLocation: sourceLocation)
        }
    }

    @Test func linear() throws {
        var g = Xoshiro256StarStar(seed: 1)
        let layer = Linear(4, 3, generator: &g)
        try Self.check("linear", layer) { layer($0) }
    }

    @Test func batchNormInTrainingAndEvaluationMode() throws {
        let train = BatchNorm1d(3)
        try Self.check("batchnorm train", train) { train($0) }
        let c = try #require(Self.cases["batchnorm train"])
        expectClose(train.runningMean.data, c.runningMeanAfter?.data ?? [], tolerance: 1e-6)
        expectClose(train.runningVariance.data, c.runningVarAfter?.data ?? [], tolerance: 1e-6)
        let eval = BatchNorm1d(3)
        eval.eval()
        try Self.check("batchnorm eval", eval) { eval($0) }
    }

    @Test func attentionPooling() throws {
        var g = Xoshiro256StarStar(seed: 2)
        let pooling = AttentionPooling(4, attentionSize: 3, generator: &g)
        let valid = try #require(Self.cases["attention pooling"]?.valid)
        try Self.check("attention pooling", pooling) { pooling($0, valid: valid) }
    }

    @Test func embedding() throws {
        var g = Xoshiro256StarStar(seed: 3)
        let embedding = Embedding(6, 3, generator: &g)
        let ids = try #require(Self.cases["embedding"]?.ids)
        try Self.check("embedding", embedding) { dummy in embedding(ids) + dummy }
    }

    @Test func spectralNormInEvaluationMode() throws {
        var g = Xoshiro256StarStar(seed: 4)
        let sn = SpectralNormLinear(Linear(4, 3, generator: &g), generator: &g)
        let c = try #require(Self.cases["spectral norm eval"])
        sn.u.data = try #require(c.u?.data)
        sn.v.data = try #require(c.v?.data)
        sn.eval()
        try Self.check("spectral norm eval", sn) { sn($0) }
    }
}
