import Tensor
import Testing

@Suite struct GradModeTests {
    @Test func scopedAndRestored() {
        #expect(GradMode.isEnabled)
        let inside = Tensor.noGrad { GradMode.isEnabled }
        #expect(!inside)
        #expect(GradMode.isEnabled)
    }
}
