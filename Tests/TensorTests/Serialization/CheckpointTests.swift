import Foundation
import Randomness
import Tensor
import Testing

@Suite struct CheckpointTests {
    /// `steps` Adam steps (plus an EMA update each) of the tiny model on a fixed batch.
    static func train(_ model: TinyModel, _ adam: Adam, _ ema: WeightEMA, steps: Int) {
        var g = Xoshiro256StarStar(seed: 11)
        let x = Tensor.randn([8, 3], generator: &g)
        model.encoder.layers[2].isTraining = false     // no dropout: its generator is not state
        for _ in 0..<steps {
            adam.zeroGrad()
            (model(x) * model(x)).mean().backward()
            adam.step()
            ema.update()
        }
    }

    /// Stop after 5 steps, save, restore into a fresh model and optimizer, go on 5 steps: the
    /// same bits as 10 steps without a stop (parameters, batch-norm statistics, Adam's moments).
    @Test func resumingFromACheckpointIsExact() throws {
        let reference = TinyModel(seed: 1)
        let referenceAdam = Adam(reference.parameters, learningRate: 0.01, amsgrad: true)
        let referenceEMA = WeightEMA(reference.parameters, decay: 0.9)
        Self.train(reference, referenceAdam, referenceEMA, steps: 10)

        let first = TinyModel(seed: 1)
        let adam = Adam(first.parameters, learningRate: 0.01, amsgrad: true)
        let ema = WeightEMA(first.parameters, decay: 0.9)
        Self.train(first, adam, ema, steps: 5)
        let path = NSTemporaryDirectory() + "toolkit-checkpoint-\(UUID().uuidString).safetensors"
        try Checkpoint.save(first, optimizers: [("adam", adam), ("ema", ema)], metadata: ["epoch": "5"], to: path)

        let resumed = TinyModel(seed: 99)
        let resumedAdam = Adam(resumed.parameters, learningRate: 0.5, amsgrad: true)
        let resumedEMA = WeightEMA(resumed.parameters, decay: 0.9)
        let metadata = try Checkpoint.load(path, into: resumed, optimizers: [("adam", resumedAdam), ("ema", resumedEMA)])
        #expect(metadata == ["epoch": "5"] && resumedAdam.learningRate == 0.01)
        Self.train(resumed, resumedAdam, resumedEMA, steps: 5)

        #expect(resumed.stateDict().map(\.tensor.data) == reference.stateDict().map(\.tensor.data))
        #expect(resumedAdam.parameterStates() == referenceAdam.parameterStates())
        #expect(resumedEMA.parameterStates() == referenceEMA.parameterStates())
    }

    @Test func theFileNamesEveryTensor() throws {
        let model = TinyModel(seed: 1)
        let adam = Adam(model.parameters)
        Self.train(model, adam, WeightEMA(model.parameters), steps: 1)
        let bytes = try Checkpoint.encode(model, optimizers: [("adam", adam)], metadata: ["made_by": "CheckpointTests"])
        // For Fixtures/scripts/safetensors-interop.py: SAFETENSORS_INTEROP_OUT=/tmp/t.safetensors swift test --filter Checkpoint
        if let out = ProcessInfo.processInfo.environment["SAFETENSORS_INTEROP_OUT"] {
            try Data(bytes).write(to: URL(fileURLWithPath: out))
        }
        let (entries, _) = try SafeTensors.decode(bytes)
        let names = Set(entries.map(\.name))
        #expect(names.isSuperset(of: ["encoder.0.weight", "norm.running_var", "head.bias", "optimizer.adam.lr",
                                      "optimizer.adam.head.weight.exp_avg", "optimizer.adam.head.weight.exp_avg_sq",
                                      "optimizer.adam.head.weight.step"]))
        #expect(entries.first { $0.name == "optimizer.adam.head.weight.step" }?.integers == [1])
    }

    @Test func aCheckpointOfAnotherModelChangesNothing() throws {
        var g = Xoshiro256StarStar(seed: 3)
        let other = Sequential([Linear(3, 4, generator: &g)])
        let bytes = try Checkpoint.encode(other)
        let model = TinyModel(seed: 1)
        let before = model.stateDict().map(\.tensor.data)
        #expect(throws: StateDictError.self) { try Checkpoint.decode(bytes, into: model) }
        #expect(model.stateDict().map(\.tensor.data) == before)
    }

    @Test func optimizerStateForAnotherOptimizerIsRefused() throws {
        let model = TinyModel(seed: 1)
        let adam = Adam(model.parameters)
        Self.train(model, adam, WeightEMA(model.parameters), steps: 1)
        let bytes = try Checkpoint.encode(model, optimizers: [("adam", adam)])
        let error = #expect(throws: StateDictError.self) {
            try Checkpoint.decode(bytes, into: TinyModel(seed: 1), optimizers: [("generator", Adam(model.parameters))])
        }
        #expect(error?.description.contains("belongs to no optimizer given") == true)
    }
}
