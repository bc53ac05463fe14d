import Tensor
import Testing

@Suite struct ParameterStateTests {
    /// Each optimizer's state round-trips, and an optimizer restored from it takes the same
    /// next step as the original.
    @Test(arguments: ["adam", "amsgrad", "rmsprop", "rmsprop-centered-momentum", "sgd-momentum"])
    func stateRoundTripsAndTheNextStepIsTheSame(kind: String) throws {
        func make(_ p: [Tensor]) -> any Optimizer {
            switch kind {
            case "adam": return Adam(p, learningRate: 0.1)
            case "amsgrad": return Adam(p, learningRate: 0.1, amsgrad: true)
            case "rmsprop": return RMSProp(p, learningRate: 0.1)
            case "rmsprop-centered-momentum": return RMSProp(p, learningRate: 0.1, momentum: 0.9, centered: true)
            default: return SGD(p, learningRate: 0.1, momentum: 0.9)
            }
        }
        let a = Tensor([1, -2, 3], shape: [3], requiresGrad: true)
        let b = Tensor([1, -2, 3], shape: [3], requiresGrad: true)
        let first = make([a]), second = make([b])
        #expect(first.parameterStates() == [ParameterState()])    // nothing before the first step
        for _ in 0..<3 {
            first.zeroGrad()
            (a * a * a).sum().backward()
            first.step()
        }
        b.data = a.data
        try second.loadParameterStates(first.parameterStates())
        #expect(second.parameterStates() == first.parameterStates())
        for (optimizer, p) in [(first, a), (second, b)] {
            optimizer.zeroGrad()
            (p * p * p).sum().backward()
            optimizer.step()
        }
        #expect(a.data == b.data)
    }

    @Test func wrongSizesAndKeysAreRefused() {
        let p = Tensor([1, 2], shape: [2], requiresGrad: true)
        let adam = Adam([p])
        #expect(throws: StateDictError.self) { try adam.loadParameterStates([]) }
        #expect(throws: StateDictError.self) { try adam.loadParameterStates([ParameterState(arrays: ["exp_avg": [1]])]) }
        #expect(throws: StateDictError.self) { try adam.loadParameterStates([ParameterState(arrays: ["momentum": [1, 2]])]) }
    }
}
