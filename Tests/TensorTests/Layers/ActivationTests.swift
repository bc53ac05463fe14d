import Tensor
import Testing
import TestSupport

@Suite struct ActivationTests {
    @Test func kinds() {
        let x = Tensor([-2, 0.5], shape: [2])
        expectClose(Activation(.relu)(x).data, [0, 0.5])
        expectClose(Activation(.leakyRelu(slope: 0.1))(x).data, [-0.2, 0.5])
        expectClose(Activation(.identity)(x).data, [-2, 0.5])
        expectClose(Activation(.tanh)(x).data, x.tanh().data)
        expectClose(Activation(.sigmoid)(x).data, x.sigmoid().data)
        expectClose(Activation(.softplus)(x).data, x.softplus().data)
        #expect(Activation(.relu).parameters.isEmpty)
    }
}
