import Tensor
import Testing

@Suite struct ActivationTests {
    @Test func kinds() {
        let x = Tensor([-2, 0.5], shape: [2])
        expectClose(Activation(.relu)(x, training: true).data, [0, 0.5])
        expectClose(Activation(.leakyRelu(slope: 0.1))(x, training: true).data, [-0.2, 0.5])
        expectClose(Activation(.identity)(x, training: true).data, [-2, 0.5])
        expectClose(Activation(.tanh)(x, training: true).data, x.tanh().data)
        expectClose(Activation(.sigmoid)(x, training: true).data, x.sigmoid().data)
        expectClose(Activation(.softplus)(x, training: true).data, x.softplus().data)
        #expect(Activation(.relu).parameters.isEmpty)
    }
}
