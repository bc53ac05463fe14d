import DataIO
import Foundation
import Randomness
import Tensor

/// ALAD, adversarially learned anomaly detection (Zenati, Romain, Foo, Lecouat, Chandrasekhar;
/// ICDM 2018), as the authors' code trains it on tabular data (`alad/run.py`):
///
/// - an encoder E(x) and a generator G(z) learn a bidirectional GAN against three
///   discriminators ( ``ALADNetworks`` ): D_xz on pairs (x, z), D_xx on (x, x′) and D_zz on
///   (z, z′) (the cycle-consistency critics; `dzz=false` drops D_zz as the code's default);
/// - sigmoid cross-entropy on logits; z ~ N(0, I);
///   discriminators: BCE(D_xz(x, E(x)), 1) + BCE(D_xz(G(z), z), 0) + BCE(D_xx(x, x), 1) +
///   BCE(D_xx(x, G(E(x))), 0) + BCE(D_zz(z, z), 1) + BCE(D_zz(z, E(G(z))), 0);
///   generator and encoder: BCE(D_xz(G(z), z), 1) + BCE(D_xz(x, E(x)), 0) + the D_xx and D_zz
///   terms with their labels swapped (each of G and E gets only its own terms' gradients, as
///   the code's two optimizers);
/// - per iteration one Adam step on the three discriminators, then one on G and E over an
///   independently shuffled batch (the code's second permutation); Adam lr 10⁻⁵, β₁ 0.5 (TF's
///   update rule); the last partial batch dropped; batch 50 (`kdd`) or 32 (`arrhythmia`);
/// - an exponential moving average of all weights (decay 0.999) after every iteration, which
///   scoring uses; dropout and batch norm in training mode only;
/// - scores (higher = more anomalous), with x̂ = G(E(x)): `fm`, the L1 distance between D_xx's
///   feature layer at (x, x) and at (x, x̂) (the paper's headline score); `l1` ‖x − x̂‖₁; `l2`
///   ‖x − x̂‖₂; `ch`, BCE(D_xx(x, x̂), 1).
///
/// As the code, one TF1 Adam object serves every step: its bias-correction powers advance five
/// times an iteration (three critic ops, the generator's and the encoder's), which enlarges the
/// early steps up to √5 times (``SharedAdamPowers``; `shared_adam=false` gives each step its
/// own optimizer). The epoch count, which the code leaves at 0, is a parameter whose default
/// came from the runs in the README.
public struct ALADDetector: Detector, ReportsTraining, DescribesFit, HasScoreVariants, ScoresDuringTraining, @unchecked Sendable {
    public enum Score: String, CaseIterable, Sendable { case fm, l1, l2, ch }

    /// `nil`: chosen from the input width (``ALADDetector/architecture(forWidth:)``).
    var architecture: ALADNetworks.Architecture?
    /// `nil`: the architecture's (32 for `kdd`, 64 for `arrhythmia`).
    public var latent: Int?
    /// `nil`: the architecture's (``ALADNetworks/Architecture/defaultEpochs``: 100 or 1,000).
    public var epochs: Int?
    /// `nil`: the architecture's (50 or 32).
    public var batchSize: Int?
    public var learningRate: Double
    public var beta1: Double
    public var emaDecay: Double
    public var useDZZ: Bool
    public var sharedAdam: Bool
    public var score: Score
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?
    public var snapshotEpochs: [Int] = []
    public var onSnapshot: ((_ epoch: Int, _ model: any Detector) throws -> Void)?
    private var networks: ALADNetworks?
    private var summary = "not fitted"

    enum Parameter {
        static let architecture = DetectorParameter<ALADNetworks.Architecture?>(
            choice: "arch", default: nil, among: [("auto", nil)] + ALADNetworks.Architecture.allCases.map { ($0.rawValue, $0) },
            help: "kdd (E x-64-z, G z-64-128-x, ...) or arrhythmia (wider, deeper); auto: arrhythmia from 200 features")
        static let latent = DetectorParameter(integer: "latent", or: "auto", range: 1...100_000,
                                              help: "latent size z (auto: 32 for kdd, 64 for arrhythmia)")
        static let epochs = DetectorParameter(
            integer: "epochs", or: "auto", range: 1...1_000_000,
            help: "training epochs (auto: 100 for kdd, 1000 for arrhythmia; the code leaves it open)")
        static let batchSize = DetectorParameter(
            integer: "batch", or: "auto", range: 2...1_000_000,
            help: "mini-batch size (auto: 50 for kdd, 32 for arrhythmia); the last partial batch is dropped")
        static let learningRate = DetectorParameter(number: "lr", default: 1e-5, range: 1e-12...10, shown: "0.00001",
                                                    help: "Adam learning rate")
        static let beta1 = DetectorParameter(number: "beta1", default: 0.5, range: 0...0.9999, help: "Adam beta1")
        static let emaDecay = DetectorParameter(number: "ema", default: 0.999, range: 0...1,
                                                help: "decay of the weights' moving average used for scoring")
        static let useDZZ = DetectorParameter(flag: "dzz", default: true,
                                              help: "train with the latent cycle critic D_zz (false: the code's default)")
        static let sharedAdam = DetectorParameter(
            flag: "shared_adam", default: true,
            help: "one TF1 Adam object's bias-correction powers across the critic and generator steps, as the code (false: one Adam per step)")
        static let score = DetectorParameter(choice: "score", default: Score.fm,
                                             help: "fm (D_xx feature distance), l1, l2 or ch (D_xx cross-entropy)")
    }

    init(architecture: ALADNetworks.Architecture? = Parameter.architecture.defaultValue, latent: Int? = Parameter.latent.defaultValue,
         epochs: Int? = Parameter.epochs.defaultValue, batchSize: Int? = Parameter.batchSize.defaultValue,
         learningRate: Double = Parameter.learningRate.defaultValue, beta1: Double = Parameter.beta1.defaultValue,
         emaDecay: Double = Parameter.emaDecay.defaultValue, useDZZ: Bool = Parameter.useDZZ.defaultValue,
         sharedAdam: Bool = Parameter.sharedAdam.defaultValue, score: Score = Parameter.score.defaultValue) {
        self.architecture = architecture
        self.latent = latent
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.beta1 = beta1
        self.emaDecay = emaDecay
        self.useDZZ = useDZZ
        self.sharedAdam = sharedAdam
        self.score = score
    }

    /// `arrhythmia` for inputs of 200 features or more, `kdd` below.
    static func architecture(forWidth width: Int) -> ALADNetworks.Architecture { width >= 200 ? .arrhythmia : .kdd }

    public static let info = DetectorInfo(
        name: "alad", summary: "ALAD: bidirectional GAN with cycle-consistency critics, EMA weights (the code's tabular settings)",
        defaultScaling: .none,
        parameters: [Parameter.architecture.info, Parameter.latent.info, Parameter.epochs.info, Parameter.batchSize.info,
                     Parameter.learningRate.info, Parameter.beta1.info, Parameter.emaDecay.info, Parameter.useDZZ.info,
                     Parameter.sharedAdam.info, Parameter.score.info],
        reproducibility: .machineDependent,
        make: { p in
            let architecture = try p.value(Parameter.architecture)
            let latent = try p.value(Parameter.latent)
            let batchSize = try p.value(Parameter.batchSize)
            return ALADDetector(architecture: architecture, latent: latent, epochs: try p.value(Parameter.epochs),
                                batchSize: batchSize, learningRate: try p.value(Parameter.learningRate),
                                beta1: try p.value(Parameter.beta1), emaDecay: try p.value(Parameter.emaDecay),
                                useDZZ: try p.value(Parameter.useDZZ), sharedAdam: try p.value(Parameter.sharedAdam),
                                score: try p.value(Parameter.score))
        })

    public var fitSummary: String { summary }

    /// The networks with the averaged weights, in evaluation mode (after ``fit(_:generator:)``).
    var trainedNetworks: ALADNetworks? { networks }

    public var scoreVariants: [String] { Score.allCases.map(\.rawValue) }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let arch = architecture ?? Self.architecture(forWidth: train.columns)
        let latent = self.latent ?? arch.defaultLatent
        let batch = batchSize ?? (arch == .kdd ? 50 : 32)
        let epochs = self.epochs ?? arch.defaultEpochs
        guard train.rows >= batch else {
            throw DataError(.usage, "alad: \(train.rows) training rows for batches of \(batch) (the last partial batch is dropped); lower --param batch")
        }
        if let late = snapshotEpochs.first(where: { $0 < 1 || $0 >= epochs }) {
            throw DataError(.usage, "alad: a snapshot after epoch \(late) of a \(epochs)-epoch run: snapshots come after epochs 1 to \(epochs - 1) (the last epoch's scores are the run's own; --param epochs sets the count)")
        }
        let nets = ALADNetworks(inputs: train.columns, latent: latent, architecture: arch, generator: &generator)
        let (rate, beta1) = (Float(learningRate), Float(self.beta1))
        // With shared_adam, the code's one optimizer object: its three critic ops (D_xz, D_xx,
        // D_zz: the code runs all three every iteration, also without D_zz in the losses) and its
        // generator and encoder ops advance the same β powers.
        let powers = sharedAdam ? SharedAdamPowers(beta1: beta1) : nil
        let adam = { (parameters: [Tensor], calls: Int) in
            Adam(parameters, learningRate: rate, beta1: beta1, convention: .tensorflow, sharing: powers, calls: calls)
        }
        let discriminatorOptimizer = adam(nets.discriminators, 3)
        let generatorOptimizer = adam(nets.encoderAndGenerator, 2)
        let ema = WeightEMA(nets.parameters, decay: Float(emaDecay))
        let data = train.tensor()
        let partner = PartnerOrder(rows: train.rows, seed: generator.next())
        var noise = Xoshiro256StarStar(seed: generator.next())
        var shuffle = Xoshiro256StarStar(seed: generator.next())
        let dzz = useDZZ

        // Each batch: the rows of the main order and as many of the partner order.
        let batches = IndexedBatches(count: train.rows) { indices in
            Tensor.noGrad { (data.gatherRows(indices), data.gatherRows(partner.next(indices.count))) }
        }
        func bce(_ logits: Tensor, _ label: Float) -> Tensor {
            Loss.binaryCrossEntropyWithLogits(logits, Tensor(scalar: label))
        }
        let discriminators = nets.discriminators
        func freeze(_ tensors: [Tensor], _ frozen: Bool) { for t in tensors { t.requiresGrad = !frozen } }
        let discriminatorStep = TrainingStep<(Tensor, Tensor)>("discriminators", optimizer: discriminatorOptimizer) { pair in
            freeze(discriminators, false)
            let x = pair.0
            let z = Tensor.randn([x.shape[0], latent], generator: &noise)
            let (encoded, generated, reconstructed, cycled) = Tensor.noGrad {
                let e = nets.encoder(x), g = nets.generator(z)
                return (e, g, nets.generator(e), nets.encoder(g))
            }
            var loss = bce(nets.dxz(x, encoded), 1) + bce(nets.dxz(generated, z), 0)
                + bce(nets.dxx(x, x).logit, 1) + bce(nets.dxx(x, reconstructed).logit, 0)
            if dzz { loss = loss + bce(nets.dzz(z, z), 1) + bce(nets.dzz(z, cycled), 0) }
            return loss
        }
        // The discriminators are frozen in this step: gradients flow through them to G and E,
        // without computing their own. The code's terms BCE(D_xx(x, x), 0) and BCE(D_zz(z, z), 0)
        // do not depend on G or E, so they are left out (the loss shown is lower by them).
        let generatorStep = TrainingStep<(Tensor, Tensor)>("generator", optimizer: generatorOptimizer) { pair in
            freeze(discriminators, true)   // until the next discriminator step
            let x = pair.1
            let z = Tensor.randn([x.shape[0], latent], generator: &noise)
            let encoded = nets.encoder(x), generated = nets.generator(z)
            var loss = bce(nets.dxz(generated, z), 1) + bce(nets.dxz(x, encoded), 0)
                + bce(nets.dxx(x, nets.generator(encoded)).logit, 1)
            if dzz { loss = loss + bce(nets.dzz(z, nets.encoder(generated)), 1) }
            return loss
        }
        var hooks = trainingHooks
        hooks.epochStart = { _ in partner.reshuffle() }
        hooks.batchEnd = { _ in ema.update() }
        // A snapshot scores with the averaged weights in evaluation mode, as the end of the fit
        // does, then puts the training weights and mode back: nothing the training reads changes
        // (scoring draws no random numbers and updates no batch-norm statistics).
        var snapshotFailure: (any Error)?
        var snapshotSeconds = 0.0   // left out of the time per epoch in the summary
        if let onSnapshot, !snapshotEpochs.isEmpty {
            let wanted = Set(snapshotEpochs)
            var view = self
            view.onSnapshot = nil
            view.snapshotEpochs = []
            hooks.epochEnd = { state in
                guard wanted.contains(state.epoch + 1) else { return }
                let snapshotStart = Date()
                defer { snapshotSeconds += Date().timeIntervalSince(snapshotStart) }
                ema.swap()
                nets.eval()
                defer {
                    nets.train()
                    ema.swap()
                }
                view.networks = nets
                view.summary = "snapshot after epoch \(state.epoch + 1) of \(epochs)"
                do { try onSnapshot(state.epoch + 1, view) } catch {
                    snapshotFailure = error
                    state.stop = true
                }
                view.networks = nil
            }
        }
        let trainer = Trainer(TrainingConfiguration(epochs: epochs, batchSize: batch, dropLast: true), hooks: hooks)
        nets.train()
        let start = Date()
        let history = trainer.fit(batches, steps: [discriminatorStep, generatorStep], generator: &shuffle)
        freeze(discriminators, false)
        if let snapshotFailure { throw snapshotFailure }
        let seconds = Date().timeIntervalSince(start) - snapshotSeconds
        ema.swap()   // score with the averaged weights
        nets.eval()
        networks = nets
        let last = history.losses.last ?? [:]
        summary = String(format: "architecture %@, latent %d, %d epochs × %d batches of %d (%.1f s/epoch); last epoch's losses: discriminators %.4f, generator+encoder %.4f; scores from the EMA weights (decay %g)%@",
                         arch.rawValue, latent, epochs, train.rows / batch, batch, seconds / Double(max(epochs, 1)),
                         last["discriminators"] ?? .nan, last["generator"] ?? .nan, emaDecay,
                         sharedAdam ? "; one Adam object's β powers shared by the steps, as the code" : "; one Adam per step (shared_adam=false)")
    }

    public func scores(_ x: Matrix) throws -> [Double] { try scores(x, variant: score.rawValue) }

    public func scores(_ x: Matrix, variant: String) throws -> [Double] {
        guard let nets = networks else { throw DataError(.internal, "alad: not fitted") }
        guard let kind = Score(rawValue: variant) else {
            throw DataError(.usage, "alad: unknown score '\(variant)'; expected one of: \(scoreVariants.joined(separator: ", "))")
        }
        return blockScores(x) { part in
            let reconstructed = nets.generator(nets.encoder(part))
            switch kind {
            case .fm:
                let real = nets.dxx(part, part).features, fake = nets.dxx(part, reconstructed).features
                return (real - fake).abs().sum(axis: 1).data
            case .l1: return (part - reconstructed).abs().sum(axis: 1).data
            case .l2: return (part - reconstructed).l2Norm(epsilon: 0, keepDims: false).data
            case .ch: return (-nets.dxx(part, reconstructed).logit).softplus().reshaped([part.shape[0]]).data
            }
        }
    }
}

/// The code's second, independent permutation of the training rows: the generator and encoder
/// step reads its batches from it, in order, reshuffled every epoch.
private final class PartnerOrder: @unchecked Sendable {
    private var order: [Int]
    private var cursor = 0
    private var generator: Xoshiro256StarStar

    init(rows: Int, seed: UInt64) {
        order = Array(0..<rows)
        generator = Xoshiro256StarStar(seed: seed)
    }

    func reshuffle() {
        generator.shuffle(&order)
        cursor = 0
    }

    func next(_ count: Int) -> [Int] {
        if cursor + count > order.count { reshuffle() }
        defer { cursor += count }
        return Array(order[cursor..<cursor + count])
    }
}
