import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct SequentialTests {
    @Test func composesAndCollectsParameters() {
        var g = Xoshiro256StarStar(seed: 6)
        let a = Linear(3, 4, generator: &g), b = Linear(4, 2, generator: &g)
        let model = Sequential([a, Activation(.tanh), b])
        #expect(model.parameters.count == 4)
        let x = Tensor.randn([5, 3], generator: &g)
        let expected = b(a(x).tanh())
        expectClose(model(x).data, expected.data)
    }
}
