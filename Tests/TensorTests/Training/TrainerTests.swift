import Randomness
import Tensor
import Testing
import TestSupport

@Suite struct TrainerTests {
    @Test func batchesCoverTheExamplesAndDropLast() {
        var g = Xoshiro256StarStar(seed: 1)
        let all = Trainer.batches(of: Array(0..<10), batchSize: 4, shuffle: true, dropLast: false, generator: &g)
        #expect(all.map(\.count) == [4, 4, 2])
        #expect(all.flatMap { $0 }.sorted() == Array(0..<10))
        #expect(all.flatMap { $0 } != Array(0..<10))
        let dropped = Trainer.batches(of: Array(0..<10), batchSize: 4, shuffle: false, dropLast: true, generator: &g)
        #expect(dropped == [[0, 1, 2, 3], [4, 5, 6, 7]])
    }

    /// Linear regression y = 2x₀ − x₁ + 0.5 is learned; progress is reported every epoch.
    @Test func fitsALinearModel() {
        var g = Xoshiro256StarStar(seed: 2)
        let x = Tensor.randn([64, 2], generator: &g)
        let y = x.matmul(Tensor([2, -1], shape: [2, 1])) + 0.5
        let model = Linear(2, 1, generator: &g)
        var reported: [Int] = []
        let trainer = Trainer(TrainingConfiguration(epochs: 60, batchSize: 16),
                              hooks: TrainingHooks(progress: { epoch, total, _ in reported.append(epoch); #expect(total == 60) }))
        var batches = Xoshiro256StarStar(seed: 3)
        let history = trainer.fit(DenseRows(x), steps: [TrainingStep(optimizer: Adam(model.parameters, learningRate: 0.05)) { batch in
            Loss.mse(model(batch.x), y.gatherRows(batch.indices))
        }], generator: &batches)
        #expect(reported == Array(1...60))
        #expect(history.batches == 240 && history.losses.count == 60)
        #expect(history.loss(of: "loss").last.map { $0 < 1e-3 } == true)
        expectClose(model.weight.data, [2, -1], tolerance: 0.02)
    }

    /// A validation value that stops improving after epoch 2 stops training at epoch 2 + patience
    /// and restores the model's state of epoch 2, buffers included.
    @Test func earlyStoppingRestoresTheBestState() {
        let norm = BatchNorm1d(1, affine: false)
        let w = Tensor([0], shape: [1, 1], requiresGrad: true)
        final class Holder: Module {
            let norm: BatchNorm1d
            let w: Tensor
            var isTraining = true
            init(_ norm: BatchNorm1d, _ w: Tensor) { self.norm = norm; self.w = w }
            var ownParameters: [(name: String, tensor: Tensor)] { [("w", w)] }
            var children: [(name: String, module: any Module)] { [("norm", norm)] }
        }
        let model = Holder(norm, w)
        var g = Xoshiro256StarStar(seed: 4)
        let data = Tensor.randn([4, 1], generator: &g)
        var epoch = 0
        var snapshot: [[Float]] = []
        let values: [Double] = [5, 4, 3, 3.5, 3.2, 3.1, 0]
        let trainer = Trainer(TrainingConfiguration(epochs: 7, batchSize: 4, patience: 3),
                              hooks: TrainingHooks(validation: {
                                  defer { epoch += 1 }
                                  if epoch == 2 { snapshot = model.stateDict().map(\.tensor.data) }
                                  return values[epoch]
                              }), model: model)
        let history = trainer.fit(DenseRows(data), steps: [TrainingStep(optimizer: SGD([w], learningRate: 0.1)) { batch in
            (norm(batch.x).matmul(w) - 1).pow(2).mean()
        }], generator: &g)
        #expect(history.stoppedEarly && history.bestEpoch == 2)
        #expect(history.losses.count == 6 && history.validationLoss == [5, 4, 3, 3.5, 3.2, 3.1])
        #expect(model.stateDict().map(\.tensor.data) == snapshot)
    }

    /// Two optimizers alternate on each batch (a discriminator step, then a generator step every
    /// second batch); each updates only its own parameters with its own loss's gradient, and the
    /// clipping hook runs between backward and the update.
    @Test func alternatingStepsWithTheirOwnOptimizersAndHooks() {
        let d = Tensor([1], shape: [1], requiresGrad: true)
        let gen = Tensor([2], shape: [1], requiresGrad: true)
        let dOptimizer = SGD([d], learningRate: 0.1), gOptimizer = SGD([gen], learningRate: 0.1)
        var clipped: [Float] = []
        var dRuns = 0, gRuns = 0
        let steps = [
            TrainingStep<MiniBatch>("discriminator", optimizer: dOptimizer, beforeUpdate: { optimizer in
                clipped.append(optimizer.parameters[0].grad?[0] ?? .nan)
                _ = clipGradNorm(optimizer.parameters, maxNorm: 0.5)
            }) { batch in
                dRuns += 1
                return ((gen * gen).detached() * d).sum() + (batch.x.sum() * 0)   // ∂/∂d = gen² = 4 (clipped to 0.5)
            },
            TrainingStep<MiniBatch>("generator", optimizer: gOptimizer, every: 2) { _ in
                gRuns += 1
                return (gen * d.detached()).sum()                                  // ∂/∂gen = d
            },
        ]
        var batchEnds = 0
        let trainer = Trainer(TrainingConfiguration(epochs: 2, batchSize: 1, shuffle: false),
                              hooks: TrainingHooks(batchEnd: { state in batchEnds += 1; #expect(state.lastLosses["discriminator"] != nil) }))
        var g = Xoshiro256StarStar(seed: 5)
        let history = trainer.fit(DenseRows(Tensor.zeros([3, 1])), steps: steps, generator: &g)
        #expect(dRuns == 6 && gRuns == 3 && batchEnds == 6 && history.batches == 6)
        #expect(clipped.first == 4)
        // d moved by exactly lr·0.5 per discriminator step (the clipped gradient, as gen stayed 2 ± small).
        #expect(Swift.abs(d.item - (1 - 6 * 0.05)) < 1e-5)
        #expect(history.losses[0]["generator"] != nil && history.losses[0]["discriminator"] != nil)
    }

    /// An epoch hook re-selects the training subset; later epochs draw only from it.
    @Test func epochHooksChooseTheSubsetAndCanStop() {
        var seen: [[Int]] = []
        let data = IndexedBatches(count: 10) { indices -> Tensor in
            seen.append(indices)
            return Tensor(indices.map(Float.init), shape: [indices.count, 1])
        }
        let w = Tensor([0], shape: [1, 1], requiresGrad: true)
        let hooks = TrainingHooks(epochStart: { state in if state.epoch == 1 { state.subset = [7, 8, 9] } },
                                  epochEnd: { state in if state.epoch == 2 { state.stop = true } })
        var g = Xoshiro256StarStar(seed: 6)
        let history = Trainer(TrainingConfiguration(epochs: 10, batchSize: 4), hooks: hooks).fit(
            data, steps: [TrainingStep(optimizer: SGD([w], learningRate: 0.01)) { x in (x.matmul(w)).sum() }], generator: &g)
        #expect(history.losses.count == 3)
        #expect(Set(seen.prefix(3).flatMap { $0 }) == Set(0..<10))
        #expect(Set(seen.dropFirst(3).flatMap { $0 }) == [7, 8, 9])
    }

    /// A budget of batches stops within an epoch; progress comes about every 1% of it.
    @Test func maxBatchesStopsWithinAnEpochAndReportsProgress() {
        let w = Tensor([0], shape: [1, 1], requiresGrad: true)
        var reports: [Int] = []
        let trainer = Trainer(TrainingConfiguration(epochs: 1000, batchSize: 3, dropLast: true, maxBatches: 250),
                              hooks: TrainingHooks(progress: { done, total, loss in
                                  reports.append(done); #expect(total == 250 && loss.isFinite)
                              }))
        var g = Xoshiro256StarStar(seed: 7)
        let history = trainer.fit(DenseRows(Tensor.ones([10, 1])), steps: [TrainingStep(optimizer: SGD([w], learningRate: 0.01)) { batch in
            (batch.x.matmul(w) - 1).pow(2).mean()
        }], generator: &g)
        #expect(history.batches == 250 && history.losses.count == 84)   // 3 batches per epoch: 83 full epochs + 1
        #expect(reports == Array(stride(from: 2, through: 250, by: 2)))
    }

    /// Id lists, not rows: an embedding bag learns which ids mark an anomaly.
    @Test func trainsOnIdLists() {
        let lists: [[Int]] = [[0, 1], [1, 2], [0, 2], [3], [3, 0], [3, 1]]
        let targets: [Float] = [0, 0, 0, 1, 1, 1]
        var g = Xoshiro256StarStar(seed: 8)
        let embedding = Embedding(4, 1, generator: &g)
        let data = IndexedBatches(count: lists.count) { indices in indices }
        let step = TrainingStep<[Int]>(optimizer: Adam(embedding.parameters, learningRate: 0.1)) { indices in
            let (vectors, valid) = embedding.padded(indices.map { lists[$0] })
            let mask = Tensor(valid.map { $0 ? 1 : 0 }, shape: [indices.count, vectors.shape[1], 1])
            let logits = (vectors * mask).sum(axis: 1)                                  // [b, 1]
            return Loss.binaryCrossEntropyWithLogits(logits, Tensor(indices.map { targets[$0] }, shape: [indices.count, 1]))
        }
        let history = Trainer(TrainingConfiguration(epochs: 200, batchSize: 3)).fit(data, steps: [step], generator: &g)
        #expect(history.loss(of: "loss").last.map { $0 < 0.1 } == true)
        #expect(embedding.table.data[3] > embedding.table.data[0])
    }
}
