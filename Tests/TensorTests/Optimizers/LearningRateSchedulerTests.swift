import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct LearningRateSchedulerTests {
    /// StepLR(step_size=2, gamma=0.5) over two groups: each from its own base rate.
    @Test func scalesEveryGroupFromItsBase() {
        let sgd = SGD(groups: [ParameterGroup([Tensor([1], shape: [1], requiresGrad: true)], learningRate: 1),
                               ParameterGroup([Tensor([1], shape: [1], requiresGrad: true)], learningRate: 0.1)])
        let scheduler = LearningRateScheduler(sgd, schedule: StepDecay(every: 2, gamma: 0.5))
        var first: [Float] = [], second: [Float] = []
        for _ in 0..<5 {
            first.append(sgd.groups[0].learningRate)
            second.append(sgd.groups[1].learningRate)
            scheduler.step()
        }
        #expect(first == [1, 1, 0.5, 0.5, 0.25])
        expectClose(second, [0.1, 0.1, 0.05, 0.05, 0.025])
        #expect(scheduler.steps == 5)
    }

    @Test func schedules() {
        #expect(ConstantSchedule(3).value(at: 99) == 3)
        expectClose((0..<4).map { ExponentialDecay(gamma: 0.5).value(at: $0) }, [1, 0.5, 0.25, 0.125])
        expectClose([0, 5, 10, 20].map { CosineAnnealing(initial: 1, final: 0, steps: 10).value(at: $0) }, [1, 0.5, 0, 0])
        // The VRAE's KL annealing: 1e-8 for 25 epochs, then linearly to 1e-2 over 25 more.
        let kl = LinearRamp(from: 1e-8, to: 1e-2, steps: 25, delay: 25)
        #expect(kl.value(at: 0) == 1e-8 && kl.value(at: 25) == 1e-8 && kl.value(at: 50) == 1e-2 && kl.value(at: 80) == 1e-2)
        #expect(Swift.abs(kl.value(at: 37) - (1e-8 + (1e-2 - 1e-8) * 12 / 25)) < 1e-9)
    }

    /// A scheduler driven by a trainer's epoch hook.
    @Test func drivenByTheTrainer() {
        let w = Tensor([0], shape: [1, 1], requiresGrad: true)
        let sgd = SGD([w], learningRate: 0.1)
        let scheduler = LearningRateScheduler(sgd, schedule: StepDecay(every: 1, gamma: 0.1))
        var seen: [Float] = []
        let trainer = Trainer(TrainingConfiguration(epochs: 3, batchSize: 2),
                              hooks: TrainingHooks(epochStart: { _ in seen.append(sgd.learningRate) }, epochEnd: { _ in scheduler.step() }))
        var g = Xoshiro256StarStar(seed: 1)
        trainer.fit(DenseRows(Tensor.ones([2, 1])), steps: [TrainingStep(optimizer: sgd) { b in (b.x.matmul(w) - 1).pow(2).mean() }],
                    generator: &g)
        expectClose(seen, [0.1, 0.01, 0.001])
    }
}
