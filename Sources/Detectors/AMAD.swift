import Datasets
import DataIO
import Foundation
import Randomness
import Tensor

/// AMAD, the adversarial multiscale anomaly detector (Gao et al., DLP-KDD 2019), on rows in
/// time order cut into blocks of consecutive rows (``AMADNetwork`` has the equations):
///
/// - input: each row's attributes as id lists (``IdVocabulary``: categorical and multi-valued
///   columns, no one-hot; an emptied list pools to the zero vector);
/// - training (§3.4.1): the training rows' blocks in order, each block's LSTM starting from the
///   previous block's final state, which is also its memory vector; per step one generator update
///   (RMSProp on `L_G = mean_i L_G^I + L_G^B`, Eq. 12, every parameter but the discriminators')
///   then one discriminator update on `L_D = mean_i L_D^I + L_D^B` (Eq. 15) from a second pass
///   over the same block. The paper does not say which parameters the discriminator step moves;
///   the authors' code moves all of them, and so does the default here (`discriminator_step=all`:
///   the representation is pushed to tell real from resembled vectors while the generator step
///   pulls them together; `discriminators` moves the two classifiers only, on the generator
///   pass' vectors held). The noise `Δ ~ N(0, noise²·I)` is drawn afresh for every instance of
///   every pass. `streams` > 1 trains on that many stretches of the training blocks side by side
///   (block `t` of each stretch in one step; a stretch's first block starts from the state the
///   previous epoch left for the block before it), for speed at the paper's industrial scale;
/// - scoring (§3.4.2): the split's blocks in order, without noise, batch norm with its running
///   statistics; the first block starts from the state after the last training block when the
///   split follows training (`test`, `validation`), from zeros for the training split itself;
///   instance score `z_I = L_G^I + β·L_D^I` (Eq. 16), block score
///   `z_B = L_G^B + β·L_D^B + γ·mean(z_I)` (Eq. 17), or with `block_loss=false` the mean instance
///   score alone (the paper's "−BlockLoss").
///
/// Choices where the paper is silent or the authors' code differs (`reference/detectors.md` §3):
/// the paper's defaults, the code's as parameters (`attributes=concatenate`, `generator_loss=mean`);
/// embedding, code and LSTM sizes 12 (the code's); global-norm clipping at 5 (the code's); TF1's
/// RMSProp (the authors' framework; `rmsprop=torch` for PyTorch's); one generator and one
/// discriminator step per block (the code alternates runs of 50); `embeddings=fixed` keeps the
/// id vectors at their random start (not the paper: a control for what the learned ones add).
public struct AMADDetector: Detector, ReadsRecords, ReportsTraining, DescribesFit, @unchecked Sendable {
    public var dimension: Int
    public var code: Int
    public var hidden: Int
    public var epochs: Int
    public var learningRate: Double
    public var clip: Double
    public var blockSize: Int?
    public var streams: Int
    public var noise: Double
    public var relative: Bool
    public var blockLoss: Bool
    public var beta: Double
    public var gamma: Double
    var pooling: AMADNetwork.AttributePooling
    public var sharedIds: Bool
    public var meanGeneratorLoss: Bool
    public var rmsprop: RMSProp.Convention
    /// Whether the discriminator step updates every parameter (the authors' code) or the two
    /// discriminators only.
    public var discriminatorUpdatesAll: Bool
    /// Whether the id embeddings stay at their random initial values (not trained).
    public var fixedEmbeddings: Bool
    public var datasetBlockSize: Int?
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?

    private var network: AMADNetwork?
    private var vocabulary: IdVocabulary?
    /// The LSTM state after the last training block (hidden and cell, `[1, H]` each).
    private var lastState: RecurrentState?
    private var summary = "not fitted"

    enum Parameter {
        static let dimension = DetectorParameter(integer: "dim", default: 12, range: 1...4096, help: "id embedding size d")
        static let code = DetectorParameter(integer: "code", default: 12, range: 1...4096, help: "autoencoder code size")
        static let hidden = DetectorParameter(integer: "hidden", default: 12, range: 1...4096, help: "LSTM units (the block vector)")
        static let epochs = DetectorParameter(integer: "epochs", default: 30, range: 1...1_000_000, help: "passes over the training blocks")
        static let learningRate = DetectorParameter(number: "lr", default: 0.01, range: 1e-9...10, help: "RMSProp learning rate (the paper's)")
        static let clip = DetectorParameter(number: "clip", default: 5, range: 0...1e9,
                                            help: "global gradient norm limit per update (0 = none)")
        static let blockSize = DetectorParameter(
            integer: "block", or: "dataset", range: 2...Int.max, expected: "a number of rows of at least 2, or 'dataset'",
            help: "rows per block: the dataset's block size (its recipe's blocks.size), else 100")
        static let streams = DetectorParameter(integer: "streams", default: 1, range: 1...100_000,
                                               help: "stretches of the training blocks trained side by side (speed at scale)")
        static let noise = DetectorParameter(number: "noise", default: 1, range: 0...1e6,
                                             help: "std of the autoencoder's Gaussian noise Delta (0 = the paper's -Noise ablation)")
        static let relative = DetectorParameter(flag: "relative", default: true,
                                                help: "relative attention against the previous block (false = -RelRep)")
        static let blockLoss = DetectorParameter(flag: "block_loss", default: true,
                                                 help: "block score with the block losses (false = mean instance score, -BlockLoss)")
        static let beta = DetectorParameter(number: "beta", default: 0.3, range: 0...1e6,
                                            help: "weight of the discriminator loss in the scores")
        static let gamma = DetectorParameter(number: "gamma", default: 0.05, range: 0...1e6,
                                             help: "weight of the mean instance score in the block score")
        static let pooling = DetectorParameter(
            choice: "attributes", default: AMADNetwork.AttributePooling.sum,
            help: "attribute attention output: sum (the paper) or concatenate (the authors' code)")
        static let sharedIds = DetectorParameter(flag: "shared_ids", default: false,
                                                 help: "one vocabulary across attributes (the same value in two columns is one id)")
        static let meanGeneratorLoss = DetectorParameter(
            choice: "generator_loss", default: false, among: [("sum", false), ("mean", true)],
            help: "cross-entropy over a vector's elements: sum (the paper) or mean (the code)")
        static let rmsprop = DetectorParameter(
            choice: "rmsprop", default: RMSProp.Convention.tensorflow1, among: [("tf1", .tensorflow1), ("torch", .pytorch)],
            help: "RMSProp: tf1 (the authors' TensorFlow: state from 1, eps 1e-10 inside the root) or torch (from 0, eps 1e-8 outside); alpha 0.9")
        static let fixedEmbeddings = DetectorParameter(
            choice: "embeddings", default: false, among: [("trained", false), ("fixed", true)],
            help: "id embeddings: trained (the paper) or fixed (random vectors, not trained)")
        static let discriminatorUpdatesAll = DetectorParameter(
            choice: "discriminator_step", default: true, among: [("all", true), ("discriminators", false)],
            help: "what the discriminator step updates: all parameters (the code) or discriminators")
    }

    init(dimension: Int = Parameter.dimension.defaultValue, code: Int = Parameter.code.defaultValue,
         hidden: Int = Parameter.hidden.defaultValue, epochs: Int = Parameter.epochs.defaultValue,
         learningRate: Double = Parameter.learningRate.defaultValue, clip: Double = Parameter.clip.defaultValue,
         blockSize: Int? = Parameter.blockSize.defaultValue, streams: Int = Parameter.streams.defaultValue,
         noise: Double = Parameter.noise.defaultValue, relative: Bool = Parameter.relative.defaultValue,
         blockLoss: Bool = Parameter.blockLoss.defaultValue, beta: Double = Parameter.beta.defaultValue,
         gamma: Double = Parameter.gamma.defaultValue, pooling: AMADNetwork.AttributePooling = Parameter.pooling.defaultValue,
         sharedIds: Bool = Parameter.sharedIds.defaultValue, meanGeneratorLoss: Bool = Parameter.meanGeneratorLoss.defaultValue,
         rmsprop: RMSProp.Convention = Parameter.rmsprop.defaultValue,
         discriminatorUpdatesAll: Bool = Parameter.discriminatorUpdatesAll.defaultValue,
         fixedEmbeddings: Bool = Parameter.fixedEmbeddings.defaultValue) {
        self.fixedEmbeddings = fixedEmbeddings
        self.discriminatorUpdatesAll = discriminatorUpdatesAll
        self.dimension = dimension
        self.code = code
        self.hidden = hidden
        self.epochs = epochs
        self.learningRate = learningRate
        self.clip = clip
        self.blockSize = blockSize
        self.streams = streams
        self.noise = noise
        self.relative = relative
        self.blockLoss = blockLoss
        self.beta = beta
        self.gamma = gamma
        self.pooling = pooling
        self.sharedIds = sharedIds
        self.meanGeneratorLoss = meanGeneratorLoss
        self.rmsprop = rmsprop
    }

    public static let info = DetectorInfo(
        name: "amad", summary: "AMAD: attention over id lists, noisy adversarial autoencoder, LSTM over blocks; instance and block scores",
        defaultScaling: .none,
        parameters: [Parameter.dimension.info, Parameter.code.info, Parameter.hidden.info, Parameter.epochs.info,
                     Parameter.learningRate.info, Parameter.clip.info, Parameter.blockSize.info, Parameter.streams.info,
                     Parameter.noise.info, Parameter.relative.info, Parameter.blockLoss.info, Parameter.beta.info,
                     Parameter.gamma.info, Parameter.pooling.info, Parameter.sharedIds.info, Parameter.meanGeneratorLoss.info,
                     Parameter.rmsprop.info, Parameter.fixedEmbeddings.info, Parameter.discriminatorUpdatesAll.info],
        reproducibility: .machineDependent,
        make: { p in
            let blockSize = try p.value(Parameter.blockSize)
            return AMADDetector(
                dimension: try p.value(Parameter.dimension), code: try p.value(Parameter.code),
                hidden: try p.value(Parameter.hidden), epochs: try p.value(Parameter.epochs),
                learningRate: try p.value(Parameter.learningRate), clip: try p.value(Parameter.clip), blockSize: blockSize,
                streams: try p.value(Parameter.streams), noise: try p.value(Parameter.noise),
                relative: try p.value(Parameter.relative), blockLoss: try p.value(Parameter.blockLoss),
                beta: try p.value(Parameter.beta), gamma: try p.value(Parameter.gamma), pooling: try p.value(Parameter.pooling),
                sharedIds: try p.value(Parameter.sharedIds), meanGeneratorLoss: try p.value(Parameter.meanGeneratorLoss),
                rmsprop: try p.value(Parameter.rmsprop),
                discriminatorUpdatesAll: try p.value(Parameter.discriminatorUpdatesAll),
                fixedEmbeddings: try p.value(Parameter.fixedEmbeddings))
        })

    public var fitSummary: String { summary }

    /// Rows per block: the parameter, else the dataset's, else 100.
    var rowsPerBlock: Int { blockSize ?? datasetBlockSize ?? 100 }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        throw DataError(.usage, "amad reads id lists, not a feature matrix: run it with `toolkit detect amad --dataset DIR`")
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        throw DataError(.usage, "amad reads id lists, not a feature matrix: run it with `toolkit detect amad --dataset DIR`")
    }

    /// The row ranges of the blocks of `rows` rows (the last one shorter when they do not divide).
    func blocks(rows: Int) -> [Range<Int>] {
        stride(from: 0, to: rows, by: rowsPerBlock).map { $0..<min($0 + rowsPerBlock, rows) }
    }

    public mutating func fit(records train: DatasetSplit, generator: inout Xoshiro256StarStar) throws {
        let vocabulary = try IdVocabulary(train: train, shared: sharedIds, detector: "amad")
        let lists = try vocabulary.encode(train)
        let blockRanges = blocks(rows: lists.rows)
        guard blockRanges.contains(where: { $0.count >= 2 }) else {
            throw DataError(.usage, "amad: \(train.rowCount) training rows make no block of 2 or more rows (block \(rowsPerBlock))")
        }
        let net = AMADNetwork(vocabulary: vocabulary.size, attributes: lists.attributes, dimension: dimension, code: code,
                              hidden: hidden, pooling: pooling, relative: relative, generator: &generator)
        var noiseGenerator = Xoshiro256StarStar(seed: generator.next())

        // The steps of an epoch: `k` stretches of `m` full blocks side by side, then the
        // remaining blocks one at a time, in order.
        let full = blockRanges.filter { $0.count == rowsPerBlock }.count
        let k = max(1, min(streams, full))
        let m = full / k
        var groups: [[Int]] = (0..<m).map { t in (0..<k).map { $0 * m + t } }
        groups += ((k * m)..<blockRanges.count).filter { blockRanges[$0].count >= 2 }.map { [$0] }
        // The state after each block, from its latest pass (the memory of the next block).
        var states = [(hidden: [Float], cell: [Float])?](repeating: nil, count: blockRanges.count)

        if fixedEmbeddings { net.embedding.table.requiresGrad = false }
        let frozen = fixedEmbeddings ? [net.embedding.table] : []
        func trained(_ parameters: [Tensor]) -> [Tensor] { parameters.filter { p in !frozen.contains { $0 === p } } }
        // α 0.9 and ε 1e-10 are TF1's RMSPropOptimizer defaults; PyTorch's ε is 1e-8.
        let epsilon: Float = rmsprop == .tensorflow1 ? 1e-10 : 1e-8
        let generatorOptimizer = RMSProp(trained(net.generatorParameters), learningRate: Float(learningRate), alpha: 0.9,
                                         epsilon: epsilon, convention: rmsprop)
        let discriminatorOptimizer = RMSProp(trained(discriminatorUpdatesAll ? net.parameters : net.discriminatorParameters),
                                             learningRate: Float(learningRate), alpha: 0.9, epsilon: epsilon, convention: rmsprop)
        let limit = Float(clip)
        let size = net.instanceSize
        let (noiseScale, meanLoss, updatesAll) = (Float(noise), meanGeneratorLoss, discriminatorUpdatesAll)
        var held: AMADNetwork.Pass?
        var lastLosses = (generator: 0.0, discriminator: 0.0)
        let h = hidden

        func memory(for group: [Int]) -> RecurrentState? {
            guard group.contains(where: { $0 > 0 && states[$0 - 1] != nil }) else { return nil }
            var hiddenValues: [Float] = [], cellValues: [Float] = []
            for block in group {
                let state = block > 0 ? states[block - 1] : nil
                hiddenValues += state?.hidden ?? [Float](repeating: 0, count: h)
                cellValues += state?.cell ?? [Float](repeating: 0, count: h)
            }
            return RecurrentState(hidden: Tensor(hiddenValues, shape: [group.count, h]),
                                  cell: Tensor(cellValues, shape: [group.count, h]))
        }

        let generatorStep = TrainingStep<[Int]>("generator", optimizer: generatorOptimizer, beforeUpdate: { optimizer in
            if limit > 0 { clipGradNorm(optimizer.parameters, maxNorm: limit) }
        }) { group in
            let rows = group.flatMap { Array(blockRanges[$0]) }
            let delta = noiseScale > 0 ? Tensor.randn([rows.count, size], std: noiseScale, generator: &noiseGenerator) : nil
            let pass = net.forward(lists, rows: rows, streams: group.count, memory: memory(for: group), noise: delta)
            guard let cell = pass.state.cell else { preconditionFailure("AMAD: the block LSTM's pass has no cell state") }
            for (i, block) in group.enumerated() {
                states[block] = (Array(pass.state.hidden.data[(i * h)..<((i + 1) * h)]),
                                 Array(cell.data[(i * h)..<((i + 1) * h)]))
            }
            held = AMADNetwork.Pass(instance: pass.instance.detached(), resembled: pass.resembled.detached(),
                                    block: pass.block.detached(), resembledBlock: pass.resembledBlock.detached(), state: pass.state)
            let loss = AMADNetwork.generatorLoss(real: pass.instance, resembled: pass.resembled, mean: meanLoss).mean()
                + AMADNetwork.generatorLoss(real: pass.block, resembled: pass.resembledBlock, mean: meanLoss).mean()
            lastLosses.generator = Double(loss.item)
            return loss
        }
        let discriminatorStep = TrainingStep<[Int]>("discriminator", optimizer: discriminatorOptimizer, beforeUpdate: { optimizer in
            if limit > 0 { clipGradNorm(optimizer.parameters, maxNorm: limit) }
        }) { group in
            guard var pass = held else { preconditionFailure("AMAD: a discriminator step runs after a generator step") }
            if updatesAll {
                let rows = group.flatMap { Array(blockRanges[$0]) }
                let delta = noiseScale > 0 ? Tensor.randn([rows.count, size], std: noiseScale, generator: &noiseGenerator) : nil
                pass = net.forward(lists, rows: rows, streams: group.count, memory: memory(for: group), noise: delta)
            }
            let loss = AMADNetwork.discriminatorLoss(net.instanceDiscriminator, real: pass.instance, resembled: pass.resembled).mean()
                + AMADNetwork.discriminatorLoss(net.blockDiscriminator, real: pass.block, resembled: pass.resembledBlock).mean()
            lastLosses.discriminator = Double(loss.item)
            return loss
        }
        // Progress by steps (an epoch at the paper's scale takes minutes), about every 0.5%.
        let report = progressReport
        let totalSteps = epochs * groups.count
        let every = max(1, totalSteps / 200)
        var hooks = TrainingHooks()
        hooks.batchEnd = { state in
            if state.batches % every == 0 || state.batches == totalSteps {
                report(state.batches, totalSteps, state.lastLosses["generator"] ?? .nan)
            }
        }
        let trainer = Trainer(TrainingConfiguration(epochs: epochs, batchSize: 1, shuffle: false), hooks: hooks, model: net)
        net.train()
        let start = Date()
        var shuffle = Xoshiro256StarStar(seed: generator.next())
        trainer.fit(IndexedBatches(count: groups.count) { groups[$0[0]] }, steps: [generatorStep, discriminatorStep],
                    generator: &shuffle)
        let seconds = Date().timeIntervalSince(start)
        net.eval()
        network = net
        self.vocabulary = vocabulary
        // The state after the last training block, from a pass in order with the final weights.
        lastState = net.inference { scorePass(net, lists, memory: nil).state }
        summary = String(format: "%d ids (%d attributes%@), %d training blocks of %d in %d steps per epoch; %d epochs (%.2f s/epoch); last step: L_G %.4f, L_D %.4f",
                         vocabulary.seenCount, lists.attributes, sharedIds ? ", shared" : "", blockRanges.count, rowsPerBlock,
                         groups.count, epochs, seconds / Double(max(epochs, 1)), lastLosses.generator, lastLosses.discriminator)
    }

    /// The fitted network, the vocabulary and the LSTM state after the last training block (nil
    /// before `fit`), for tests that check the scores' definitions.
    var trained: (network: AMADNetwork, vocabulary: IdVocabulary, lastState: RecurrentState?)? {
        guard let network, let vocabulary else { return nil }
        return (network, vocabulary, lastState)
    }

    /// Scores of one split's rows and blocks, in order, from `memory`.
    struct Pass {
        var instances: [Double] = []
        var blocks: [Double] = []
        var state: RecurrentState?
    }

    func scorePass(_ net: AMADNetwork, _ lists: IdLists, memory: RecurrentState?) -> Pass {
        var result = Pass(state: memory)
        let (b, g) = (Float(beta), Float(gamma))
        for range in blocks(rows: lists.rows) {
            let pass = net.forward(lists, rows: Array(range), streams: 1, memory: result.state, noise: nil)
            let generatorI = AMADNetwork.generatorLoss(real: pass.instance, resembled: pass.resembled, mean: meanGeneratorLoss)
            let discriminatorI = AMADNetwork.discriminatorLoss(net.instanceDiscriminator, real: pass.instance, resembled: pass.resembled)
            let instances = (generatorI + discriminatorI * b).data
            let mean = instances.reduce(0, +) / Float(instances.count)
            let block: Float
            if blockLoss {
                let generatorB = AMADNetwork.generatorLoss(real: pass.block, resembled: pass.resembledBlock, mean: meanGeneratorLoss)
                let discriminatorB = AMADNetwork.discriminatorLoss(net.blockDiscriminator, real: pass.block, resembled: pass.resembledBlock)
                block = (generatorB + discriminatorB * b).item + g * mean
            } else {
                block = mean
            }
            result.instances += instances.map(Double.init)
            result.blocks.append(Double(block))
            result.state = pass.state
        }
        return result
    }

    public func scores(records split: DatasetSplit, followsTraining: Bool) throws -> RecordScores {
        guard let net = network, let vocabulary else { throw DataError(.internal, "amad: not fitted") }
        let lists = try vocabulary.encode(split)
        let pass = net.inference { scorePass(net, lists, memory: followsTraining ? lastState : nil) }
        return RecordScores(instances: pass.instances, blocks: pass.blocks, blockSize: rowsPerBlock)
    }
}
