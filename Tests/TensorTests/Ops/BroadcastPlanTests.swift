import Tensor
import Testing
import TestSupport

/// Broadcasting at any rank, through the arithmetic ops that use `BroadcastPlan`, against an
/// index-by-index reference.
@Suite struct BroadcastPlanTests {
    /// `a ⊕ b` computed one result index at a time (NumPy rules).
    static func reference(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> (shape: [Int], data: [Float]) {
        let shape = Tensor.broadcastShape(a.shape, b.shape)
        let r = shape.count
        let pa = [Int](repeating: 1, count: r - a.rank) + a.shape
        let pb = [Int](repeating: 1, count: r - b.rank) + b.shape
        func offset(_ index: [Int], _ dims: [Int]) -> Int {
            zip(index, dims).reduce(0) { $0 * $1.1 + ($1.1 == 1 ? 0 : $1.0) }
        }
        var out: [Float] = []
        var index = [Int](repeating: 0, count: r)
        for _ in 0..<shape.reduce(1, *) {
            out.append(op(a.data[offset(index, pa)], b.data[offset(index, pb)]))
            var k = r - 1
            while k >= 0 { index[k] += 1; if index[k] < shape[k] { break }; index[k] = 0; k -= 1 }
        }
        return (shape, out)
    }

    static let pairs: [([Int], [Int])] = [
        ([2, 3, 4, 5], [2, 3, 4, 5]), ([2, 3, 4, 5], [5]), ([2, 3, 4, 5], [2, 1, 1, 5]),
        ([2, 1, 4, 1], [1, 3, 1, 5]), ([2, 3, 1, 5], [3, 4, 1]), ([1, 2, 1, 2, 1, 2], [2, 1, 2, 1, 2, 1]),
        ([3, 1], [1, 4]), ([], [2, 2, 2, 2]), ([1], []), ([2, 0, 3], [3]),
    ]

    @Test(arguments: pairs) func valuesMatchTheReference(_ shapes: ([Int], [Int])) {
        var k: Float = 0
        func tensor(_ s: [Int]) -> Tensor {
            Tensor((0..<s.reduce(1, *)).map { _ in k += 1; return k * 0.5 - 3 }, shape: s)
        }
        let (a, b) = (tensor(shapes.0), tensor(shapes.1))
        for (result, op) in [(a + b, { (x: Float, y: Float) in x + y }), (a * b, { $0 * $1 }), (b - a, { $1 - $0 })] {
            let expected = Self.reference(a, b, op)
            #expect(result.shape == expected.shape)
            expectClose(result.data, expected.data)
        }
    }

    @Test func gradientsAtRankFour() {
        checkGradient("add [2,3,4,5] + [5]", shapes: [[2, 3, 2, 5], [5]]) { $0[0] + $0[1] }
        checkGradient("mul [2,1,3,1] ⊙ [1,2,1,3]", shapes: [[2, 1, 3, 1], [1, 2, 1, 3]]) { $0[0] * $0[1] }
        checkGradient("div [2,2,3,2] / [2,1,1,2]", shapes: [[2, 2, 3, 2], [2, 1, 1, 2]], domain: .awayFromZero) { $0[0] / $0[1] }
        checkGradient("sub rank 5", shapes: [[2, 1, 2, 1, 2], [2, 1, 2, 1]]) { $0[0] - $0[1] }
    }

    @Test func incompatibleShapesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 3, 4, 5]) + Tensor.zeros([3, 1, 4])
        }
    }
}
