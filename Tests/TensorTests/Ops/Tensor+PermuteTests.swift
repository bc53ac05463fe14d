import Tensor
import Testing
import TestSupport

@Suite struct TensorPermuteTests {
    /// `x` permuted one element at a time: result index `i` reads input index `j` with
    /// `j[axes[k]] = i[k]`.
    static func reference(_ x: Tensor, _ axes: [Int]) -> [Float] {
        let outShape = axes.map { x.shape[$0] }
        var strides = [Int](repeating: 1, count: x.rank)
        for k in stride(from: x.rank - 2, through: 0, by: -1) { strides[k] = strides[k + 1] * x.shape[k + 1] }
        var out: [Float] = []
        var index = [Int](repeating: 0, count: x.rank)
        for _ in 0..<x.count {
            out.append(x.data[(0..<x.rank).reduce(0) { $0 + index[$1] * strides[axes[$1]] }])
            var k = x.rank - 1
            while k >= 0 { index[k] += 1; if index[k] < outShape[k] { break }; index[k] = 0; k -= 1 }
        }
        return out
    }

    static let cases: [([Int], [Int])] = [
        ([2, 3], [1, 0]), ([2, 3, 4], [1, 0, 2]), ([2, 3, 4], [0, 2, 1]), ([2, 3, 4], [2, 0, 1]),
        ([2, 3, 4], [2, 1, 0]), ([2, 3, 4, 5], [0, 2, 1, 3]), ([2, 3, 4, 5], [3, 1, 0, 2]),
        ([2, 1, 3, 1, 4], [4, 3, 2, 1, 0]), ([1, 3, 1, 4], [2, 0, 3, 1]), ([3, 40, 37], [0, 2, 1]),
        ([2, 3], [0, 1]),
    ]

    @Test(arguments: cases) func valuesMatchTheReference(_ c: ([Int], [Int])) {
        let x = Tensor((0..<c.0.reduce(1, *)).map(Float.init), shape: c.0)
        let y = x.permuted(c.1)
        #expect(y.shape == c.1.map { c.0[$0] })
        #expect(y.data == Self.reference(x, c.1))
    }

    @Test func gradients() {
        checkGradient("permute [1,0,2]", shapes: [[2, 3, 2]]) { $0[0].permuted([1, 0, 2]) }
        checkGradient("permute [2,0,1]", shapes: [[2, 3, 2]]) { $0[0].permuted([2, 0, 1]) }
        checkGradient("permute heads [0,2,1,3]", shapes: [[2, 3, 2, 2]]) { $0[0].permuted([0, 2, 1, 3]) }
        checkGradient("permute negative axes", shapes: [[2, 3, 2]]) { $0[0].permuted([-1, 0, 1]) }
        checkGradient("transposed(0, 1)", shapes: [[2, 3, 2]]) { $0[0].transposed(0, 1) }
    }

    @Test func values() {
        let x = Tensor((0..<6).map(Float.init), shape: [1, 2, 3])
        let y = x.transposed(0, 2)
        #expect(y.shape == [3, 2, 1])
        expectClose(y.data, [0, 3, 1, 4, 2, 5])
        // [B, T, F] → time-major [T, B, F]
        let s = Tensor((0..<12).map(Float.init), shape: [2, 3, 2]).permuted([1, 0, 2])
        expectClose(s.data, [0, 1, 6, 7, 2, 3, 8, 9, 4, 5, 10, 11])
    }

    @Test func invalidPermutationStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 3, 4]).permuted([0, 0, 1])
        }
    }
}
