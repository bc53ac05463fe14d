import Foundation
import Randomness
import Tensor
import Testing
import TestSupport

/// The PyTorch reference cases of `Fixtures/tensor/rnn-reference.json`, written by
/// `Fixtures/scripts/rnn-reference.py` (the tests need no Python): one `torch.nn.LSTM` or
/// `torch.nn.GRU` per case with PyTorch's parameters (in PyTorch's names and layouts), input,
/// initial state, lengths, outputs, final states, and the gradients of
/// `Σ R_out⊙output + Σ R_h⊙h_n + Σ R_c⊙c_n`.
struct RNNReference: Decodable, Sendable {
    struct Values: Decodable, Sendable {
        let shape: [Int]
        let data: [Float]
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let bidirectional: Bool
        let batch: Int, steps: Int, inputSize: Int, hiddenSize: Int
        let bias: Bool
        let lengths: [Int]?
        let input: Values
        let parameters: [String: Values]
        let output: Values, hn: Values, cn: Values?
        let outputWeight: Values, hnWeight: Values, cnWeight: Values?
        let h0: Values?, c0: Values?
        let grads: [String: Values]
        var testDescription: String { name }
    }
    let cases: [Case]

    /// `Fixtures/tensor/rnn-reference.json`.
    static let document: RNNReference = decodedFixture("tensor/rnn-reference.json")

    static func cases(_ kind: String, bidirectional: Bool) -> [Case] {
        document.cases.filter { $0.kind == kind && $0.bidirectional == bidirectional }
    }

    /// The largest absolute differences from PyTorch of one case: output, final states, and the
    /// gradients of the input, the initial state and the parameters.
    struct Errors: CustomStringConvertible {
        var output: Float = 0, state: Float = 0, inputGrad: Float = 0, stateGrad: Float = 0, parameterGrad: Float = 0
        var description: String {
            "output \(output), final state \(state), ∂input \(inputGrad), ∂initial state \(stateGrad), ∂parameters \(parameterGrad)"
        }
    }

    /// Builds the layer (``LSTM``/``GRU``, in a ``Bidirectional`` for two directions) with the
    /// case's parameters copied from PyTorch's layout (weights transposed), runs it, and measures
    /// the differences.
    static func run(_ c: Case) -> Errors {
        var g = Xoshiro256StarStar(seed: 1)
        let (b, h, d) = (c.batch, c.hiddenSize, c.bidirectional ? 2 : 1)
        func make(_ suffix: String) -> any RecurrentLayer {
            let layer: any RecurrentLayer
            let weights: [Tensor]
            if c.kind == "lstm" {
                let l = LSTM(c.inputSize, h, bias: c.bias, generator: &g)
                (layer, weights) = (l, [l.inputWeight, l.hiddenWeight] + [l.inputBias, l.hiddenBias].compactMap { $0 })
            } else {
                let l = GRU(c.inputSize, h, bias: c.bias, generator: &g)
                (layer, weights) = (l, [l.inputWeight, l.hiddenWeight] + [l.inputBias, l.hiddenBias].compactMap { $0 })
            }
            let names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"].prefix(weights.count)
            for (name, w) in zip(names, weights) {
                let p = c.parameters[name + suffix]!
                w.data = p.shape.count == 2 ? transpose(p.data, p.shape[0], p.shape[1]) : p.data
            }
            return layer
        }
        let layer: any RecurrentLayer = c.bidirectional ? Bidirectional(forward: make(""), backward: make("_reverse")) : make("")
        let x = Tensor(c.input.data, shape: c.input.shape, requiresGrad: true)
        // PyTorch's states are [D, B, H]; ours [B, D·H], the directions side by side.
        let h0 = c.h0.map { Tensor(directionsSideBySide($0.data, d, b, h), shape: [b, d * h], requiresGrad: true) }
        let c0 = c.c0.map { Tensor(directionsSideBySide($0.data, d, b, h), shape: [b, d * h], requiresGrad: true) }
        let (output, state) = layer(x, initialState: h0.map { RecurrentState(hidden: $0, cell: c0) },
                                    mask: c.lengths.map { .lengths($0) })
        var loss = (output * Tensor(c.outputWeight.data, shape: c.outputWeight.shape)).sum()
            + (state.hidden * Tensor(directionsSideBySide(c.hnWeight.data, d, b, h), shape: [b, d * h])).sum()
        if let cell = state.cell, let w = c.cnWeight {
            loss = loss + (cell * Tensor(directionsSideBySide(w.data, d, b, h), shape: [b, d * h])).sum()
        }
        loss.backward()

        var e = Errors()
        e.output = maxError(output.data, c.output.data)
        e.state = maxError(state.hidden.data, directionsSideBySide(c.hn.data, d, b, h))
        if let cell = state.cell, let cn = c.cn { e.state = Swift.max(e.state, maxError(cell.data, directionsSideBySide(cn.data, d, b, h))) }
        e.inputGrad = maxError(x.grad ?? [], c.grads["input"]!.data)
        for (tensor, name) in [(h0, "h0"), (c0, "c0")] {
            if let tensor, let reference = c.grads[name] {
                e.stateGrad = Swift.max(e.stateGrad, maxError(tensor.grad ?? [], directionsSideBySide(reference.data, d, b, h)))
            }
        }
        for (name, tensor) in layer.namedParameters {
            let pytorch = torchName(name)
            let reference = c.grads[pytorch]!
            let expected = reference.shape.count == 2 ? transpose(reference.data, reference.shape[0], reference.shape[1]) : reference.data
            e.parameterGrad = Swift.max(e.parameterGrad, maxError(tensor.grad ?? [], expected))
        }
        return e
    }

    /// `forward.input_weight` → `weight_ih_l0`, `backward.hidden_bias` → `bias_hh_l0_reverse`.
    static func torchName(_ name: String) -> String {
        let parts = name.split(separator: ".")
        let suffix = parts.count == 2 && parts[0] == "backward" ? "_reverse" : ""
        let table = ["input_weight": "weight_ih_l0", "hidden_weight": "weight_hh_l0",
                     "input_bias": "bias_ih_l0", "hidden_bias": "bias_hh_l0"]
        return table[String(parts.last!)]! + suffix
    }

    /// Row-major `[m, n]` → `[n, m]`.
    static func transpose(_ a: [Float], _ m: Int, _ n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: a.count)
        for i in 0..<m { for j in 0..<n { out[j * m + i] = a[i * n + j] } }
        return out
    }

    /// `[D, B, H]` → `[B, D·H]`.
    static func directionsSideBySide(_ a: [Float], _ d: Int, _ b: Int, _ h: Int) -> [Float] {
        var out = [Float](repeating: 0, count: a.count)
        for k in 0..<d { for i in 0..<b { for j in 0..<h { out[i * d * h + k * h + j] = a[(k * b + i) * h + j] } } }
        return out
    }

    static func maxError(_ a: [Float], _ b: [Float]) -> Float {
        guard a.count == b.count else { return .infinity }
        // Not Swift.max, which drops a NaN difference: a NaN is the worst error.
        return zip(a, b).reduce(0) { worst, pair in
            let error = Swift.abs(pair.0 - pair.1)
            return error <= worst ? worst : (error.isNaN ? .infinity : error)
        }
    }
}
