import Randomness
import Tensor
import Testing

@Suite struct TrainingLoopTests {
    @Test func batchesCoverRowsAndDropLast() {
        var g = Xoshiro256StarStar(seed: 1)
        let all = TrainingLoop.batches(rows: 10, batchSize: 4, shuffle: true, dropLast: false, generator: &g)
        #expect(all.map(\.count) == [4, 4, 2])
        #expect(all.flatMap { $0 }.sorted() == Array(0..<10))
        #expect(all.flatMap { $0 } != Array(0..<10))
        let dropped = TrainingLoop.batches(rows: 10, batchSize: 4, shuffle: false, dropLast: true, generator: &g)
        #expect(dropped == [[0, 1, 2, 3], [4, 5, 6, 7]])
    }

    /// Linear regression y = 2x₀ − x₁ + 0.5 is learned; progress is reported every epoch.
    @Test func fitsALinearModel() {
        var g = Xoshiro256StarStar(seed: 2)
        let x = Tensor.randn([64, 2], generator: &g)
        let y = x.matmul(Tensor([2, -1], shape: [2, 1])) + 0.5
        let model = Linear(2, 1, generator: &g)
        var reported: [Int] = []
        let loop = TrainingLoop(TrainingConfiguration(epochs: 60, batchSize: 16, seed: 3))
        let history = loop.fit(x, optimizer: Adam(model.parameters, learningRate: 0.05),
                               progress: { epoch, total, _ in reported.append(epoch); #expect(total == 60) }) { batch in
            Loss.mse(model(batch.x), y.gatherRows(batch.indices))
        }
        #expect(reported == Array(1...60))
        #expect(history.trainingLoss.last! < 1e-3)
        expectClose(model.weight.data, [2, -1], tolerance: 0.02)
    }

    /// A validation value that stops improving after epoch 2 stops training at epoch 2 + patience
    /// and restores the parameters of epoch 2.
    @Test func earlyStoppingRestoresBest() {
        let w = Tensor([0], shape: [1, 1], requiresGrad: true)
        let data = Tensor.ones([4, 1])
        var epoch = 0
        var snapshot: [Float] = []
        let values: [Double] = [5, 4, 3, 3.5, 3.2, 3.1, 0]
        let loop = TrainingLoop(TrainingConfiguration(epochs: 7, batchSize: 4, patience: 3, seed: 1))
        let history = loop.fit(data, optimizer: SGD([w], learningRate: 0.1), validation: {
            defer { epoch += 1 }
            if epoch == 2 { snapshot = w.data }
            return values[epoch]
        }) { batch in (batch.x.matmul(w) - 1).pow(2).mean() }
        #expect(history.stoppedEarly && history.bestEpoch == 2)
        #expect(history.trainingLoss.count == 6 && history.validationLoss == [5, 4, 3, 3.5, 3.2, 3.1])
        #expect(w.data == snapshot)
    }
}
