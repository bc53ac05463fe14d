import Foundation
import Randomness
import Tensor
import Testing
import TestSupport

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
        let path = temporaryPath(prefix: "toolkit-checkpoint-", suffix: ".safetensors")
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

    /// A sparse embedding (lazy optimizer state) and a dense head, trained on varying id lists:
    /// stopping after 4 steps, saving, restoring into fresh objects and going on 4 steps gives the
    /// same bits as 8 steps without a stop. The lazy optimizer's state has the same names and
    /// shapes as the dense one's.
    @Test(arguments: ["adam", "rmsprop"])
    func resumingLazyOptimizerStateIsExact(tableOptimizer: String) throws {
        final class Bag: Module {
            let embedding: Embedding
            let head: Linear
            var isTraining = true
            init(seed: UInt64) {
                var g = Xoshiro256StarStar(seed: seed)
                embedding = Embedding(50, 3, paddingIndex: 0, sparse: true, generator: &g)
                head = Linear(3, 1, generator: &g)
            }
            var children: [(name: String, module: any Module)] { [("embedding", embedding), ("head", head)] }
        }
        func optimizers(_ model: Bag) -> [(name: String, state: any HasParameterState)] {
            let adamOnTable = tableOptimizer == "adam"
            let adam = Adam(adamOnTable ? [model.embedding.table] : model.head.parameters, learningRate: 0.05)
            let rms = RMSProp(adamOnTable ? model.head.parameters : [model.embedding.table], learningRate: 0.05,
                              momentum: 0.5, convention: .tensorflow1)
            return [("adam", adam), ("rmsprop", rms)]
        }
        func train(_ model: Bag, _ opts: [(name: String, state: any HasParameterState)], steps: Range<Int>) {
            for step in steps {
                let lists = (0..<4).map { b in (0..<(1 + (b + step) % 3)).map { (7 * b + 11 * step + 3 * $0) % 50 } }
                let (v, _) = model.embedding.padded(lists)
                let y = model.head(v.reshaped([v.shape[0] * v.shape[1], 3]))
                for (_, o) in opts { (o as! any Optimizer).zeroGrad() }
                (y * y).mean().backward()
                #expect(model.embedding.table.sparseGrad != nil)
                for (_, o) in opts { (o as! any Optimizer).step() }
            }
        }
        let reference = Bag(seed: 1)
        let referenceOptimizers = optimizers(reference)
        train(reference, referenceOptimizers, steps: 0..<8)

        let first = Bag(seed: 1)
        let firstOptimizers = optimizers(first)
        train(first, firstOptimizers, steps: 0..<4)
        let bytes = try Checkpoint.encode(first, optimizers: firstOptimizers)
        let resumed = Bag(seed: 9)
        let resumedOptimizers = optimizers(resumed)
        try Checkpoint.decode(bytes, into: resumed, optimizers: resumedOptimizers)
        train(resumed, resumedOptimizers, steps: 4..<8)

        #expect(resumed.stateDict().map(\.tensor.data) == reference.stateDict().map(\.tensor.data))
        for (a, b) in zip(resumedOptimizers, referenceOptimizers) {
            #expect(a.state.parameterStates() == b.state.parameterStates())
        }
    }
}
