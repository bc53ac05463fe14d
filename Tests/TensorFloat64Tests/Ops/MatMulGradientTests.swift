import TensorFloat64
import Testing

/// Matrix products with every broadcasting layout, inverse and log-determinant.
@Suite struct MatMulGradientTests {
    @Test func products() {
        checkGradient("matmul", shapes: [[3, 4], [4, 5]]) { $0[0].matmul($0[1]) }
        checkGradient("matmul vector-like", shapes: [[1, 4], [4, 1]]) { $0[0].matmul($0[1]) }
        checkGradient("batched matmul", shapes: [[2, 3, 4], [2, 4, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("x·xᵀ", shapes: [[3, 4]]) { $0[0].matmul($0[0].transposed()) }
        checkGradient("[B,m,k]·[k,n] (fold)", shapes: [[3, 2, 4], [4, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[B,m,k]·[1,k,n] (fold)", shapes: [[3, 2, 4], [1, 4, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[m,k]·[B,k,n] (shared left)", shapes: [[2, 3], [3, 3, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[1,m,k]·[B,k,n] (shared left)", shapes: [[1, 2, 3], [2, 3, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[B,H,m,k]·[B,H,k,n]", shapes: [[2, 2, 2, 3], [2, 2, 3, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[B,H,m,k]·[B,1,k,n] (fold H)", shapes: [[2, 2, 2, 3], [2, 1, 3, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[B,1,m,k]·[1,H,k,n] (both broadcast)", shapes: [[2, 1, 2, 3], [1, 2, 3, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("[B,1,m,k]·[B,H,k,n] (A broadcast)", shapes: [[2, 1, 2, 3], [2, 2, 3, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("attention scores q·kᵀ rank 4", shapes: [[2, 2, 3, 2], [2, 2, 3, 2]]) { $0[0].matmul($0[1].transposed()) }
    }

    @Test func linearAlgebra() {
        checkGradient("inverse", shapes: [[3, 3]]) { ($0[0] + eye(3, 3)).inverse() }
        checkGradient("inverse batched", shapes: [[2, 4, 4]]) { ($0[0] + eye(4, 4)).inverse() }
        checkGradient("inverse rank 4", shapes: [[2, 2, 2, 2]]) { ($0[0] + eye(2, 3)).inverse() }
        checkGradient("logDet SPD", shapes: [[3, 3]]) { x in (x[0].matmul(x[0].transposed()) + eye(3)).logDet() }
        checkGradient("logDet batched", shapes: [[3, 2, 2]]) { ($0[0] + eye(2, 3)).logDet() }
        checkGradient("logDet rank 4", shapes: [[2, 1, 2, 2]]) { ($0[0] + eye(2, 3)).logDet() }
    }
}
