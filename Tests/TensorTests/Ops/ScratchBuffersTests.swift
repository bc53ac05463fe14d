@testable import Tensor
import Testing

/// The store of large reused buffers (the recurrent kernels' gates and their gradients).
@Suite struct ScratchBuffersTests {
    @Test func keepsOnlyLargeBuffersAndHandsThemBack() {
        let small = ScratchBuffers.take(1000)
        #expect(small.count == 1000)
        ScratchBuffers.give(small)
        var large = ScratchBuffers.take(ScratchBuffers.minimumCount + 7)
        large[0] = 42
        let copy = large
        ScratchBuffers.give(large)
        large = []
        // A buffer handed back while another copy is alive: that copy keeps its value.
        var reused = ScratchBuffers.take(ScratchBuffers.minimumCount + 7)
        reused[0] = -1
        #expect(copy[0] == 42 && reused[0] == -1)
        ScratchBuffers.give(reused)
    }
}
