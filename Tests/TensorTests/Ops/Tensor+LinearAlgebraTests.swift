import Tensor
import Testing
import TestSupport

@Suite struct TensorLinearAlgebraTests {
    @Test func gradients() {
        checkGradient("inverse", shapes: [[3, 3]]) { ($0[0] + eye(3, 3)).inverse() }
        checkGradient("inverse batched", shapes: [[2, 4, 4]]) { ($0[0] + eye(4, 4)).inverse() }
        checkGradient("logDet SPD", shapes: [[3, 3]]) { x in
            (x[0].matmul(x[0].transposed()) + eye(3)).logDet()
        }
        checkGradient("logDet batched", shapes: [[3, 2, 2]]) { ($0[0] + eye(2, 3)).logDet() }
        checkGradient("inverse rank 4", shapes: [[2, 2, 2, 2]]) { ($0[0] + eye(2, 3)).inverse() }
        checkGradient("logDet rank 4", shapes: [[2, 1, 2, 2]]) { ($0[0] + eye(2, 3)).logDet() }
    }

    /// DAGMM's sample energy built from primitives (rank-3 broadcasting, batched transpose and
    /// matmul, inverse, logDet, logSumExp): z [N, d], mixture logits [N, K].
    static func mixtureEnergy(_ z: Tensor, _ logits: Tensor) -> Tensor {
        let (n, d) = (z.shape[0], z.shape[1]), k = logits.shape[1]
        let gamma = logits.softmax()                                   // [N, K]
        let mass = gamma.sum(axis: 0)                                  // [K]
        let phi = mass / Float(n)
        let mu = gamma.transposed().matmul(z) / mass.reshaped([k, 1])  // [K, d]
        let diff = z.reshaped([1, n, d]) - mu.reshaped([k, 1, d])      // [K, N, d]
        let weighted = diff * gamma.transposed().reshaped([k, n, 1])
        let cov = weighted.transposed().matmul(diff) / mass.reshaped([k, 1, 1]) + eye(d, 0.1)
        let maha = (diff.matmul(cov.inverse()) * diff).sum(axis: 2)    // [K, N]
        let logp = phi.log().reshaped([k, 1]) - 0.5 * maha - 0.5 * cov.logDet().reshaped([k, 1])
        return -logp.transposed().logSumExp()                          // [N]
    }

    @Test func mixtureEnergyGradient() {
        checkGradient("DAGMM energy", shapes: [[6, 2], [6, 3]], tolerance: 2e-2) { Self.mixtureEnergy($0[0], $0[1]) }
    }

    @Test func values() {
        let a = Tensor([4, 7, 2, 6], shape: [2, 2])   // det 10
        expectClose(a.inverse().data, [0.6, -0.7, -0.2, 0.4])
        expectClose(a.logDet().data, [Float(2.3025851)])
        #expect(a.logDet().shape == [])
        let singular = Tensor([1, 2, 2, 4], shape: [1, 2, 2])
        #expect(singular.logDet().data == [-.infinity])
        #expect(singular.inverse().data.allSatisfy { $0.isNaN })
    }
}
