import Tensor
import Testing
import TestSupport

@Suite struct ParameterGroupTests {
    /// Each group steps with its own learning rate and weight decay; `learningRate` reads the
    /// first group's and sets all.
    @Test(arguments: ["sgd", "adam", "rmsprop"])
    func groupsHaveTheirOwnHyperparameters(kind: String) {
        let a = Tensor([1], shape: [1], requiresGrad: true), b = Tensor([1], shape: [1], requiresGrad: true)
        let groups = [ParameterGroup([a], learningRate: 0.1), ParameterGroup([b], learningRate: 0.01)]
        let optimizer: any Optimizer
        switch kind {
        case "sgd": optimizer = SGD(groups: groups)
        case "adam": optimizer = Adam(groups: groups)
        default: optimizer = RMSProp(groups: groups)
        }
        #expect(optimizer.parameters.count == 2 && optimizer.learningRate == 0.1)
        (a * 2 + b * 2).sum().backward()
        optimizer.step()
        // The same gradient on both: each moved in proportion to its own rate.
        let moveA = 1 - a.item, moveB = 1 - b.item
        #expect(moveA > 0 && Swift.abs(moveA / moveB - 10) < 1e-3, "\(moveA) \(moveB)")
        optimizer.learningRate = 0.5
        #expect(optimizer.groups.map(\.learningRate) == [0.5, 0.5])
    }

    @Test func weightDecayPerGroup() {
        let a = Tensor([1], shape: [1], requiresGrad: true), b = Tensor([1], shape: [1], requiresGrad: true)
        let sgd = SGD(groups: [ParameterGroup([a], learningRate: 0.1, weightDecay: 1), ParameterGroup([b], learningRate: 0.1)])
        (a * 0 + b * 0).sum().backward()
        sgd.step()
        #expect(a.data == [0.9] && b.data == [1])
    }
}

@Suite struct OptimizerConventionTests {
    /// TF1's Adam adds ε after the bias correction: with g = 2, ε = 0.1 the first step is
    /// η·√(1 − β₂)·g/(√(1 − β₂)·|g| + ε) instead of PyTorch's η·g/(|g| + ε).
    @Test func adamTensorFlowEpsilon() {
        func firstStep(_ convention: Adam.Convention) -> Float {
            let p = Tensor([3], shape: [1], requiresGrad: true)
            let adam = Adam([p], learningRate: 0.1, epsilon: 0.1, convention: convention)
            (p * 2).sum().backward()
            adam.step()
            return 3 - p.item
        }
        let root = Float(0.001).squareRoot()
        #expect(Swift.abs(firstStep(.pytorch) - 0.1 * 2 / 2.1) < 1e-6)
        #expect(Swift.abs(firstStep(.tensorflow) - 0.1 * root * 2 / (root * 2 + 0.1)) < 1e-6)
    }

    /// After many steps the two conventions agree (ε's weight fades with the bias correction).
    @Test func adamConventionsAgreeLater() {
        let a = runOptimizer(steps: 200) { Adam($0, learningRate: 0.01) }
        let b = runOptimizer(steps: 200) { Adam($0, learningRate: 0.01, convention: .tensorflow) }
        expectClose(a, b, tolerance: 1e-4)
    }

    /// TF1's RMSProp starts its mean square at 1 and puts ε inside the root: with α = 0.9,
    /// g = 2, η = 0.1 the first step is 0.1·2/√(0.9 + 0.4) (PyTorch: 0.1·2/√0.4).
    @Test func rmspropTensorFlow1() {
        func firstStep(_ convention: RMSProp.Convention, momentum: Float = 0) -> Float {
            let p = Tensor([3], shape: [1], requiresGrad: true)
            let rms = RMSProp([p], learningRate: 0.1, alpha: 0.9, epsilon: 1e-10, momentum: momentum, convention: convention)
            (p * 2).sum().backward()
            rms.step()
            return 3 - p.item
        }
        #expect(Swift.abs(firstStep(.tensorflow1) - 0.2 / Float(1.3).squareRoot()) < 1e-6)
        #expect(Swift.abs(firstStep(.tensorflow1, momentum: 0.9) - 0.2 / Float(1.3).squareRoot()) < 1e-6)
        #expect(Swift.abs(firstStep(.pytorch) - 0.2 / Float(0.4).squareRoot()) < 1e-5)
    }
}
