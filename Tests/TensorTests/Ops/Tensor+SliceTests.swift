import Tensor
import Testing
import TestSupport

@Suite struct TensorSliceTests {
    @Test func gradients() {
        checkGradient("slice axis 0", shapes: [[4, 3]]) { $0[0].slice(axis: 0, range: 1..<3) }
        checkGradient("slice axis 1 of rank 3", shapes: [[2, 5, 2]]) { $0[0].slice(axis: 1, range: 2...) }
        checkGradient("slice axis -1 of rank 4", shapes: [[2, 2, 2, 4]]) { $0[0].slice(axis: -1, range: ..<3) }
        checkGradient("select time step", shapes: [[2, 4, 3]]) { $0[0].select(axis: 1, index: 2) }
        checkGradient("select last", shapes: [[3, 4]]) { $0[0].select(axis: 0, index: -1) }
    }

    @Test func values() {
        let x = Tensor((0..<24).map(Float.init), shape: [2, 3, 4])
        let s = x.slice(axis: 1, range: 1...2)
        #expect(s.shape == [2, 2, 4])
        expectClose(s.data, [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23])
        expectClose(x.slice(axis: 2, range: 3..<4).data, [3, 7, 11, 15, 19, 23])
        expectClose(x.slice(axis: 0, range: 1...).data, Array((12..<24).map(Float.init)))
        #expect(x.slice(axis: 1, range: 2..<2).shape == [2, 0, 4])
        let t = x.select(axis: 1, index: 0)
        #expect(t.shape == [2, 4])
        expectClose(t.data, [0, 1, 2, 3, 12, 13, 14, 15])
        // the gradient lands in the sliced positions only
        let w = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3], requiresGrad: true)
        w.slice(axis: 1, range: 1..<3).sum().backward()
        #expect(w.grad == [0, 1, 1, 0, 1, 1])
    }

    @Test func outOfBoundsStops() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.zeros([2, 3]).slice(axis: 1, range: 2..<4)
        }
    }
}
