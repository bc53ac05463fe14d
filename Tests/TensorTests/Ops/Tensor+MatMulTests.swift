import Tensor
import Testing
import TestSupport

@Suite struct TensorMatMulTests {
    /// `a·b` with NumPy broadcasting over the batch axes, one dot product at a time.
    static func reference(_ a: Tensor, _ b: Tensor) -> (shape: [Int], data: [Float]) {
        let (m, k, n) = (a.shape[a.rank - 2], a.shape[a.rank - 1], b.shape[b.rank - 1])
        let batch = Tensor.broadcastShape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
        let r = batch.count
        let pa = [Int](repeating: 1, count: r - (a.rank - 2)) + a.shape.dropLast(2)
        let pb = [Int](repeating: 1, count: r - (b.rank - 2)) + b.shape.dropLast(2)
        func matrix(_ index: [Int], _ dims: [Int]) -> Int {
            zip(index, dims).reduce(0) { $0 * $1.1 + ($1.1 == 1 ? 0 : $1.0) }
        }
        var out: [Float] = []
        var index = [Int](repeating: 0, count: r)
        for _ in 0..<batch.reduce(1, *) {
            let (ao, bo) = (matrix(index, pa) * m * k, matrix(index, pb) * k * n)
            for i in 0..<m {
                for j in 0..<n {
                    out.append((0..<k).reduce(Float(0)) { $0 + a.data[ao + i * k + $1] * b.data[bo + $1 * n + j] })
                }
            }
            var d = r - 1
            while d >= 0 { index[d] += 1; if index[d] < batch[d] { break }; index[d] = 0; d -= 1 }
        }
        return (batch + [m, n], out)
    }

    static let broadcastCases: [([Int], [Int])] = [
        ([3, 4], [4, 5]), ([2, 3, 4], [2, 4, 5]), ([2, 3, 4], [4, 5]), ([2, 3, 4], [1, 4, 5]),
        ([3, 4], [2, 4, 5]), ([1, 3, 4], [2, 4, 5]), ([2, 2, 3, 4], [2, 2, 4, 5]),
        ([2, 2, 3, 4], [2, 1, 4, 5]), ([2, 1, 3, 4], [1, 2, 4, 5]), ([2, 1, 3, 4], [2, 2, 4, 5]),
        ([3, 4], [2, 3, 4, 5]), ([2, 3, 3, 4], [4, 5]), ([2, 3, 0], [0, 5]), ([0, 3, 4], [4, 5]),
    ]

    @Test(arguments: broadcastCases) func broadcastValuesMatchTheReference(_ shapes: ([Int], [Int])) {
        let a = Tensor((0..<shapes.0.reduce(1, *)).map { Float($0 % 7) - 3 }, shape: shapes.0)
        let b = Tensor((0..<shapes.1.reduce(1, *)).map { Float($0 % 5) * 0.5 - 1 }, shape: shapes.1)
        let y = a.matmul(b)
        let expected = Self.reference(a, b)
        #expect(y.shape == expected.shape)
        expectClose(y.data, expected.data, tolerance: 1e-4)
    }

    @Test func gradients() {
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

    @Test func values() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        expectClose(a.matmul(b).data, [58, 64, 139, 154])
        let batched = Tensor(a.data + a.data.map { -$0 }, shape: [2, 2, 3])
            .matmul(Tensor(b.data + b.data, shape: [2, 3, 2]))
        expectClose(batched.data, [58, 64, 139, 154, -58, -64, -139, -154])
        // a shared right side: the same as one [B·m, k]·[k, n] product
        let shared = Tensor(a.data + a.data.map { -$0 }, shape: [2, 2, 3]).matmul(b)
        #expect(shared.shape == [2, 2, 2])
        expectClose(shared.data, [58, 64, 139, 154, -58, -64, -139, -154])
        // the gradient of a broadcast side sums over the batch
        let w = Tensor(b.data, shape: [3, 2], requiresGrad: true)
        Tensor(a.data + a.data, shape: [2, 2, 3]).matmul(w).sum().backward()
        expectClose(w.grad ?? [], [10, 10, 14, 14, 18, 18])
    }

    @Test func mismatchedShapesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 2]))
        }
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 2, 3]).matmul(Tensor.zeros([3, 3, 2]))
        }
    }
}
