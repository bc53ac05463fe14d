import Randomness
import Tensor
import Testing

@Suite struct BidirectionalTests {
    @Test func concatenatesForwardAndReversedPasses() {
        var g = Xoshiro256StarStar(seed: 8)
        let ahead = GRUCell(2, 3, generator: &g), behind = GRUCell(2, 3, generator: &g)
        let bi = Bidirectional(forward: ahead, backward: behind)
        let xs = (0..<4).map { _ in Tensor.randn([2, 2], generator: &g) }
        let out = bi(xs)
        #expect(out.count == 4 && out[0].shape == [2, 6] && bi.hiddenSize == 6)
        // the backward half at t = 0 has read the whole sequence in reverse
        let reversedLast = behind(Array(xs.reversed())).last!
        expectClose(out[0].sliceColumns(3..<6).data, reversedLast.data)
        expectClose(out[3].sliceColumns(0..<3).data, ahead(xs).last!.data)
        checkGradient("bidirectional", shapes: [[1, 2], [1, 2]]) { bi($0)[0] }
    }
}
