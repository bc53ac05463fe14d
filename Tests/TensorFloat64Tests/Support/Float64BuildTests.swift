import Foundation
import Randomness
@testable import TensorFloat64
import Testing

/// This module is the Float64 build of the Tensor sources: the element type, the eight-lane
/// kernels of the recurrent ops (libm lane by lane, not the Float32 polynomials) and the
/// checkpoint format follow ``Scalar``.
@Suite struct Float64BuildTests {
    @Test func scalarIsDouble() {
        #expect(Scalar.self == Double.self)
        #expect(MemoryLayout<Scalar8>.size == 64)
    }

    /// Lane by lane, exactly libm's values (the Float32 build's polynomials err by ~1e-7).
    @Test func vectorMathIsLibm() {
        let x = Scalar8(-30, -2.5, -0.3, -1e-9, 0, 0.7, 3, 40)
        for l in 0..<8 {
            #expect(VectorMath.exp(x)[l] == Foundation.exp(x[l]))
            #expect(VectorMath.tanh(x)[l] == Foundation.tanh(x[l]))
            #expect(Swift.abs(VectorMath.sigmoid(x)[l] - 1 / (1 + Foundation.exp(-x[l]))) <= 1e-16)
        }
    }

    /// The fused LSTM agrees with the same step written with matmul, sigmoid and tanh, to Double
    /// rounding.
    @Test func lstmMatchesTheComposite() {
        var g = Xoshiro256StarStar(seed: 5)
        let (b, t, f, h) = (2, 3, 2, 10)
        let x = Tensor.randn([b, t, f], generator: &g)
        let wi = Tensor.randn([f, 4 * h], std: 0.5, generator: &g), wh = Tensor.randn([h, 4 * h], std: 0.5, generator: &g)
        let bias = Tensor.randn([4 * h], generator: &g)
        let fused = Tensor.lstm(x, inputWeight: wi, hiddenWeight: wh, inputBias: bias)
        var (state, cell) = (Tensor.zeros([b, h]), Tensor.zeros([b, h]))
        for s in 0..<t {
            let a = x.select(axis: 1, index: s).matmul(wi) + state.matmul(wh) + bias
            let gates = a.split(sizes: [h, h, h, h], axis: 1)
            cell = gates[1].sigmoid() * cell + gates[0].sigmoid() * gates[2].tanh()
            state = gates[3].sigmoid() * cell.tanh()
        }
        for (u, v) in zip(fused.hidden.data + fused.cell.data, state.data + cell.data) {
            #expect(Swift.abs(u - v) <= 1e-14, "\(u) vs \(v)")
        }
    }

    /// Checkpoints hold `F64` arrays and restore them exactly; a Float32 build's `F32` file is
    /// read too (widened exactly).
    @Test func checkpointsAreFloat64() throws {
        var g = Xoshiro256StarStar(seed: 1)
        let layer = Linear(3, 2, generator: &g)
        layer.weight.data[0] = 0.1   // not a Float32 value
        let bytes = try Checkpoint.encode(layer)
        let (entries, _) = try SafeTensors.decode(bytes)
        #expect(entries.allSatisfy { $0.dtype == .f64 })
        let copy = Linear(3, 2, generator: &g)
        try Checkpoint.decode(bytes, into: copy)
        #expect(copy.weight.data == layer.weight.data && copy.bias!.data == layer.bias!.data)

        let float32 = try SafeTensors.encode([SafeTensors.Entry(name: "weight", shape: [3, 2], floats: [0.1, 1, 2, 3, 4, 5]),
                                              SafeTensors.Entry(name: "bias", shape: [2], floats: [0.5, -1])])
        try Checkpoint.decode(float32, into: copy)
        #expect(copy.weight.data == [Double(Float(0.1)), 1, 2, 3, 4, 5] && copy.bias!.data == [0.5, -1])
    }
}
