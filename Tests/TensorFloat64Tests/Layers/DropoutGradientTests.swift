import TensorFloat64
import Testing

/// Dropout with a fixed mask: a new layer with the same seed for every evaluation draws the same
/// mask, so the checked function is `x ⊙ m / (1 − p)`.
@Suite struct DropoutGradientTests {
    @Test func fixedMask() {
        checkGradient("dropout p 0.3", shapes: [[4, 5]]) { Dropout(0.3, seed: 5)($0[0]) }
        checkGradient("dropout p 0.5 rank 3", shapes: [[2, 3, 4]]) { Dropout(0.5, seed: 9)($0[0]) }
        checkGradient("dropout after a product", shapes: [[3, 4], [4, 2]]) { Dropout(0.2, seed: 1)($0[0].matmul($0[1])) }
    }
}
