import Tensor
import Testing

@Suite struct TensorLinearAlgebraTests {
    @Test func gradients() {
        checkGradient("inverse", shapes: [[3, 3]]) { ($0[0] + eye(3, 3)).inverse() }
        checkGradient("inverse batched", shapes: [[2, 4, 4]]) { ($0[0] + eye(4, 4)).inverse() }
        checkGradient("logDet SPD", shapes: [[3, 3]]) { x in
            (x[0].matmul(x[0].transposed()) + eye(3)).logDet()
        }
        checkGradient("logDet batched", shapes: [[3, 2, 2]]) { ($0[0] + eye(2, 3)).logDet() }
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
