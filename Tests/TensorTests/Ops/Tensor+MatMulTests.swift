import Tensor
import Testing

@Suite struct TensorMatMulTests {
    @Test func gradients() {
        checkGradient("matmul", shapes: [[3, 4], [4, 5]]) { $0[0].matmul($0[1]) }
        checkGradient("matmul vector-like", shapes: [[1, 4], [4, 1]]) { $0[0].matmul($0[1]) }
        checkGradient("batched matmul", shapes: [[2, 3, 4], [2, 4, 2]]) { $0[0].matmul($0[1]) }
        checkGradient("x·xᵀ", shapes: [[3, 4]]) { $0[0].matmul($0[0].transposed()) }
    }

    @Test func values() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        expectClose(a.matmul(b).data, [58, 64, 139, 154])
        let batched = Tensor(a.data + a.data.map { -$0 }, shape: [2, 2, 3])
            .matmul(Tensor(b.data + b.data, shape: [2, 3, 2]))
        expectClose(batched.data, [58, 64, 139, 154, -58, -64, -139, -154])
    }
}
