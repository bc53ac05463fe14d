import Foundation
import Tensor
import Testing
import TestSupport

/// The PyTorch reference cases of `Fixtures/tensor/tensor-ops-reference.json`, written by
/// `Fixtures/scripts/tensor-ops-reference.py` (the tests need no Python). Each case holds a
/// float32 input, PyTorch's output, and PyTorch's gradient of `Σ outputWeight ⊙ output`.
struct TorchReference: Decodable, Sendable {
    struct Values: Decodable, Sendable {
        let shape: [Int]
        let data: [Float]
        var tensor: Tensor { Tensor(data, shape: shape, requiresGrad: true) }
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let op: String
        let input: Values
        let output: Values
        let outputWeight: Values
        let grad: Values
        let axis: Int?
        let targets: [Int]?
        let weights: [Float]?
        let ignoreIndex: Int?
        let reduction: String?
        var testDescription: String { name }
    }
    let cases: [Case]

    /// `Fixtures/tensor/tensor-ops-reference.json`.
    static let document: TorchReference = decodedFixture("tensor/tensor-ops-reference.json")

    /// The cases of one `op`.
    static func cases(_ op: String) -> [Case] { document.cases.filter { $0.op == op } }

    /// Runs `f` on the case's input and compares the output and the gradient of
    /// `Σ outputWeight ⊙ output` with PyTorch's.
    static func check(_ c: Case, tolerance: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation,
                      _ f: (Tensor) -> Tensor) {
        let x = c.input.tensor
        let y = f(x)
        #expect(y.shape == c.output.shape, "\(c.name): shape \(y.shape)", sourceLocation: sourceLocation)
        if c.output.data.allSatisfy(\.isFinite) {
            expectClose(y.data, c.output.data, tolerance: tolerance, sourceLocation: sourceLocation)
        }
        (y * Tensor(c.outputWeight.data, shape: c.outputWeight.shape)).sum().backward()
        expectClose(x.grad ?? [], c.grad.data, tolerance: tolerance, sourceLocation: sourceLocation)
    }
}
