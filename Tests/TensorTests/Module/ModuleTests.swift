import Randomness
import Tensor
import Testing

/// A small model with nested children, a shared layer and buffers.
final class TinyModel: Module {
    let encoder: Sequential
    let norm: BatchNorm1d
    let head: Linear
    var isTraining = true

    init(seed: UInt64 = 1) {
        var g = Xoshiro256StarStar(seed: seed)
        encoder = Sequential([Linear(3, 4, generator: &g), Activation(.tanh), Dropout(0.5, seed: 3)])
        norm = BatchNorm1d(4)
        head = Linear(4, 2, generator: &g)
    }

    var children: [(name: String, module: any Module)] { [("encoder", encoder), ("norm", norm), ("head", head)] }

    func callAsFunction(_ x: Tensor) -> Tensor { head(norm(encoder(x))) }
}

@Suite struct ModuleTests {
    @Test func dottedNamesOfParametersBuffersAndModules() {
        let model = TinyModel()
        #expect(model.namedParameters.map(\.name) == ["encoder.0.weight", "encoder.0.bias", "norm.weight", "norm.bias", "head.weight", "head.bias"])
        #expect(model.namedBuffers.map(\.name) == ["norm.running_mean", "norm.running_var"])
        #expect(model.namedModules.map(\.name) == ["", "encoder", "encoder.0", "encoder.1", "encoder.2", "norm", "head"])
        #expect(model.parameters.count == 6 && model.parameterCount == 12 + 4 + 4 + 4 + 8 + 2)
        #expect(model.stateDict().map(\.name).suffix(2) == ["norm.running_mean", "norm.running_var"])
    }

    @Test func aSharedModuleIsCountedOnce() {
        var g = Xoshiro256StarStar(seed: 2)
        let shared = Linear(2, 2, generator: &g)
        let model = Sequential([shared, Activation(.relu), shared])
        #expect(model.namedParameters.map(\.name) == ["0.weight", "0.bias"])
    }

    @Test func trainAndEvalReachEveryModule() {
        let model = TinyModel()
        #expect(model.namedModules.allSatisfy { $0.module.isTraining })
        model.eval()
        #expect(model.namedModules.allSatisfy { !$0.module.isTraining })
        model.train()
        #expect(model.norm.isTraining && model.encoder.layers[2].isTraining)
        // In evaluation mode dropout is the identity and batch norm uses its running statistics.
        var g = Xoshiro256StarStar(seed: 5)
        let x = Tensor.randn([6, 3], generator: &g)
        model.eval()
        let a = model(x).data, b = model(x).data
        #expect(a == b)
    }

    @Test func inferenceRestoresTheModesAndRecordsNoGraph() {
        let model = TinyModel()
        model.norm.isTraining = false          // a mixed tree
        var g = Xoshiro256StarStar(seed: 6)
        let x = Tensor.randn([4, 3], generator: &g)
        let y = model.inference { model(x) }
        #expect(!y.requiresGrad)
        #expect(model.isTraining && model.encoder.isTraining && !model.norm.isTraining)
    }

    @Test func freezeStopsGradientsToAModule() {
        let model = TinyModel()
        model.encoder.freeze()
        #expect(model.trainableParameters.count == 4)
        var g = Xoshiro256StarStar(seed: 7)
        model(Tensor.randn([5, 3], generator: &g)).sum().backward()
        #expect(model.encoder.parameters.allSatisfy { $0.grad == nil })
        #expect(model.head.weight.grad != nil)
        model.encoder.freeze(false)
        #expect(model.trainableParameters.count == 6)
    }

    @Test func attentionPoolingFollowsItsModeAndNamesItsParameters() {
        var g = Xoshiro256StarStar(seed: 8)
        let pooling = AttentionPooling(4, attentionSize: 3, generator: &g)
        #expect(pooling.namedParameters.map(\.name) == ["query", "projection.weight", "projection.bias"])
        pooling.eval()
        #expect(!pooling.projection.isTraining)
        let embedding = Embedding(5, 4, generator: &g)
        #expect(embedding.namedParameters.map(\.name) == ["weight"])
    }

    @Test func recurrentCellsAndSpectralNormNameTheirState() {
        var g = Xoshiro256StarStar(seed: 9)
        let bi = Bidirectional(forward: LSTMCell(3, 2, generator: &g), backward: GRUCell(3, 2, generator: &g))
        #expect(bi.namedParameters.map(\.name) == ["forward.input_weight", "forward.hidden_weight", "forward.bias",
                                                   "backward.input_weight", "backward.hidden_weight", "backward.input_bias", "backward.hidden_bias"])
        let sn = SpectralNormLinear(Linear(3, 2, generator: &g), generator: &g)
        #expect(sn.stateDict().map(\.name) == ["linear.weight", "linear.bias", "u", "v"])
    }
}
