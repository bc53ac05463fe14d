import DataIO
import Foundation
import Randomness
import Tensor

/// The variational recurrent autoencoder with variational self-attention (Pereira & Silveira,
/// ICMLA 2018; the network is ``VRAENetwork``), trained as the reimplementation that credits
/// the authors' group trains it (`reference/detectors.md` §5 (a)):
///
/// - every row is one sequence: `T` steps of `F` values, time-major (``ReadsSequences``:
///   `toolkit detect --windows` sets `F` to the window's value columns; otherwise `features`,
///   default 1, as a row-per-beat dataset such as `ecg5000`); each feature is standardised with
///   the training mean and deviation over all steps (`standardize=false` turns it off);
/// - Gaussian input noise (σ `noise`, 0.1) while training, the clean sequence as the target;
/// - loss per sequence: `−log Laplace(x | μ_x, b)` summed over steps and features
///   `+ λ·KL(q(z) ‖ N(0, I)) + η·Σ_t KL(q(c_t) ‖ N(0, I))`, averaged over the batch; λ anneals
///   linearly from 10⁻⁸ to `kl` (0.01) over `kl_ramp` epochs after `kl_delay` epochs (25 and 25),
///   η = `attention_kl` (0.01);
/// - Adam with AMSGrad (lr 0.001), each parameter's gradient clipped to norm `clip` (10: Keras'
///   `clipnorm`, per tensor), batches of 512, `epochs` passes (the code's early stopping with
///   patience 250 has no validation split here: a fixed count, chosen as the README says).
///
/// Scores (higher = more anomalous; ``HasScoreVariants``, so one fit gives all three):
/// - `probability` (default): the negative reconstruction probability, `−(1/L)·Σ_l log p(x | z_l,
///   c = μ_c)` with `z_l ~ q(z | x)`, `L = samples` (10), drawn from a generator seeded at fit;
/// - `error`: the mean absolute difference between `x` and `μ_x` decoded from `z = μ_z`,
///   `c = μ_c`;
/// - `wasserstein`: the slides' latent score, the median over `reference` (500) training
///   sequences `j` (a seeded sample) of the squared 2-Wasserstein distance between the diagonal
///   Gaussians `q(z | x)` and `q(z | x_j)`: `‖μ − μ_j‖² + ‖σ − σ_j‖²`.
public struct VRAEDetector: Detector, ReadsSequences, ReportsTraining, DescribesFit, HasScoreVariants, @unchecked Sendable {
    public enum Score: String, CaseIterable, Sendable { case probability, error, wasserstein }

    public var featuresPerStep: Int?
    public var features: Int
    public var hidden: Int
    public var latent: Int
    public var attention: Int
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var clip: Double
    public var klWeight: Double
    public var attentionKLWeight: Double
    public var klDelay: Int
    public var klRamp: Int
    public var noise: Double
    public var samples: Int
    public var reference: Int
    public var standardize: Bool
    public var score: Score
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?

    private var network: VRAENetwork?
    private var steps = 0
    private var mean: [Float] = []
    private var deviation: [Float] = []
    private var scoringSeed: UInt64 = 0
    /// The reference training sequences' posterior means and deviations `[N, d_z]`.
    private var referenceMeans: [Float] = []
    private var referenceDeviations: [Float] = []
    private var summary = "not fitted"

    enum Parameter {
        static let features = DetectorParameter(
            integer: "features", default: 1, range: 1...100_000,
            help: "values per time step (T = columns / features); --windows sets it to the window's value columns")
        static let hidden = DetectorParameter(integer: "hidden", default: 128, range: 1...4096,
                                              help: "LSTM units per direction (encoder and decoder)")
        static let latent = DetectorParameter(integer: "latent", default: 3, range: 1...4096,
                                              help: "size of z (the slides: 3 on solar-PV, 5 on ECG5000)")
        static let attention = DetectorParameter(integer: "attention", default: 3, range: 1...4096,
                                                 help: "size of each step's attention context c_t")
        static let epochs = DetectorParameter(integer: "epochs", default: 200, range: 1...1_000_000, help: "training epochs")
        static let batchSize = DetectorParameter(integer: "batch", default: 512, range: 1...1_000_000, help: "mini-batch size")
        static let learningRate = DetectorParameter(number: "lr", default: 1e-3, range: 1e-9...10, help: "AMSGrad learning rate")
        static let clip = DetectorParameter(number: "clip", default: 10, range: 0...1e9,
                                            help: "gradient norm limit per parameter tensor (Keras clipnorm)")
        static let klWeight = DetectorParameter(number: "kl", default: 0.01, range: 0...1e6,
                                                help: "final weight of KL(q(z) || N(0, I)), annealed from 1e-8")
        static let klDelay = DetectorParameter(integer: "kl_delay", default: 25, range: 0...1_000_000,
                                               help: "epochs before the KL weight starts rising")
        static let klRamp = DetectorParameter(integer: "kl_ramp", default: 25, range: 1...1_000_000,
                                              help: "epochs over which it rises linearly")
        static let attentionKLWeight = DetectorParameter(number: "attention_kl", default: 0.01, range: 0...1e6,
                                                         help: "weight of the attention contexts' KL terms")
        static let noise = DetectorParameter(number: "noise", default: 0.1, range: 0...1e6,
                                             help: "std of the Gaussian noise added to training inputs")
        static let samples = DetectorParameter(integer: "samples", default: 10, range: 1...10_000,
                                               help: "samples of z for the reconstruction probability")
        static let reference = DetectorParameter(integer: "reference", default: 500, range: 1...10_000_000,
                                                 help: "training sequences the Wasserstein score compares with")
        static let standardize = DetectorParameter(flag: "standardize", default: true,
                                                   help: "standardise each feature with the training mean and deviation")
        static let score = DetectorParameter(
            choice: "score", default: Score.probability,
            help: "probability (negative reconstruction probability), error (mean |x - mu_x|) or wasserstein (median W2^2 to training codes)")
    }

    init(features: Int = Parameter.features.defaultValue, hidden: Int = Parameter.hidden.defaultValue,
         latent: Int = Parameter.latent.defaultValue, attention: Int = Parameter.attention.defaultValue,
         epochs: Int = Parameter.epochs.defaultValue, batchSize: Int = Parameter.batchSize.defaultValue,
         learningRate: Double = Parameter.learningRate.defaultValue, clip: Double = Parameter.clip.defaultValue,
         klWeight: Double = Parameter.klWeight.defaultValue, attentionKLWeight: Double = Parameter.attentionKLWeight.defaultValue,
         klDelay: Int = Parameter.klDelay.defaultValue, klRamp: Int = Parameter.klRamp.defaultValue,
         noise: Double = Parameter.noise.defaultValue, samples: Int = Parameter.samples.defaultValue,
         reference: Int = Parameter.reference.defaultValue, standardize: Bool = Parameter.standardize.defaultValue,
         score: Score = Parameter.score.defaultValue) {
        self.features = features
        self.hidden = hidden
        self.latent = latent
        self.attention = attention
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.clip = clip
        self.klWeight = klWeight
        self.attentionKLWeight = attentionKLWeight
        self.klDelay = klDelay
        self.klRamp = klRamp
        self.noise = noise
        self.samples = samples
        self.reference = reference
        self.standardize = standardize
        self.score = score
    }

    public static let info = DetectorInfo(
        name: "vrae", summary: "Variational recurrent autoencoder with variational self-attention (BiLSTMs, Laplace output); rows are sequences",
        defaultScaling: .none,
        parameters: [Parameter.features.info, Parameter.hidden.info, Parameter.latent.info, Parameter.attention.info,
                     Parameter.epochs.info, Parameter.batchSize.info, Parameter.learningRate.info, Parameter.clip.info,
                     Parameter.klWeight.info, Parameter.klDelay.info, Parameter.klRamp.info, Parameter.attentionKLWeight.info,
                     Parameter.noise.info, Parameter.samples.info, Parameter.reference.info, Parameter.standardize.info,
                     Parameter.score.info],
        reproducibility: .machineDependent,
        make: { p in
            VRAEDetector(features: try p.value(Parameter.features), hidden: try p.value(Parameter.hidden),
                         latent: try p.value(Parameter.latent), attention: try p.value(Parameter.attention),
                         epochs: try p.value(Parameter.epochs), batchSize: try p.value(Parameter.batchSize),
                         learningRate: try p.value(Parameter.learningRate), clip: try p.value(Parameter.clip),
                         klWeight: try p.value(Parameter.klWeight), attentionKLWeight: try p.value(Parameter.attentionKLWeight),
                         klDelay: try p.value(Parameter.klDelay), klRamp: try p.value(Parameter.klRamp),
                         noise: try p.value(Parameter.noise), samples: try p.value(Parameter.samples),
                         reference: try p.value(Parameter.reference), standardize: try p.value(Parameter.standardize),
                         score: try p.value(Parameter.score))
        })

    public var fitSummary: String { summary }
    public var scoreVariants: [String] { Score.allCases.map(\.rawValue) }

    /// Values per step: the caller's layout, else the `features` parameter.
    var stepWidth: Int { featuresPerStep ?? features }

    /// `T` for rows of `columns` values, `F` per step.
    func stepCount(columns: Int) throws -> Int {
        let f = stepWidth
        guard columns % f == 0, columns >= f else {
            throw DataError(.usage, "vrae: \(columns) columns do not make sequences of \(f) values per step; set --param features to a divisor of \(columns)")
        }
        return columns / f
    }

    /// `x` as standardised sequences `[rows, T, F]`.
    func sequences(_ x: Matrix, rows: Range<Int>? = nil) throws -> Tensor {
        let f = stepWidth
        let t = try stepCount(columns: x.columns)
        let range = rows ?? 0..<x.rows
        var values = [Float](repeating: 0, count: range.count * x.columns)
        var k = 0
        for r in range {
            let base = r * x.columns
            for j in 0..<x.columns {
                let c = j % f
                let v = Float(x.values[base + j])
                values[k] = mean.isEmpty ? v : (v - mean[c]) / deviation[c]
                k += 1
            }
        }
        return Tensor(values, shape: [range.count, t, f])
    }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let f = stepWidth
        guard train.rows >= 1 else { throw DataError(.usage, "vrae: no training rows") }
        steps = try stepCount(columns: train.columns)
        (mean, deviation) = ([], [])
        if standardize {
            var sum = [Double](repeating: 0, count: f), squares = [Double](repeating: 0, count: f)
            for (j, v) in train.values.enumerated() {
                sum[j % f] += v
                squares[j % f] += v * v
            }
            let n = Double(train.rows * steps)
            mean = sum.map { Float($0 / n) }
            deviation = (0..<f).map { c in
                let m = sum[c] / n
                let sd = max(squares[c] / n - m * m, 0).squareRoot()
                return sd > 1e-12 ? Float(sd) : 1
            }
        }
        let data = try sequences(train)
        let net = VRAENetwork(features: f, hidden: hidden, latent: latent, attention: attention, generator: &generator)
        var noiseGenerator = Xoshiro256StarStar(seed: generator.next())
        var shuffle = Xoshiro256StarStar(seed: generator.next())
        scoringSeed = generator.next()
        let optimizer = Adam(net.parameters, learningRate: Float(learningRate), amsgrad: true)
        let schedule = LinearRamp(from: 1e-8, to: Float(klWeight), steps: klRamp, delay: klDelay)
        var weight = schedule.value(at: 0)
        let (inputNoise, attentionWeight, limit) = (Float(noise), Float(attentionKLWeight), Float(clip))
        let (t, c) = (steps, attention)
        var lastParts = (nll: 0.0, kl: 0.0, attentionKL: 0.0)
        let step = TrainingStep<MiniBatch>("loss", optimizer: optimizer, beforeUpdate: { optimizer in
            guard limit > 0 else { return }
            for p in optimizer.parameters { clipGradNorm([p], maxNorm: limit) }
        }) { batch in
            let x = batch.x
            let b = x.shape[0]
            let noisy = inputNoise > 0 ? x + Tensor.randn(x.shape, std: inputNoise, generator: &noiseGenerator) : x
            let posterior = net.encode(noisy)
            let z = Tensor.reparameterize(mean: posterior.zMean, logVariance: posterior.zLogVariance, generator: &noiseGenerator)
            let context = Tensor.reparameterize(mean: posterior.cMean, logVariance: posterior.cLogVariance, generator: &noiseGenerator)
            let (location, scale) = net.decode(z: z, c: context)
            let nll = VRAENetwork.laplaceNegativeLogLikelihood(x, location: location, scale: scale).mean()
            let kl = Loss.gaussianKL(mean: posterior.zMean, logVariance: posterior.zLogVariance)
            let attentionKL = Loss.gaussianKL(mean: posterior.cMean.reshaped([b, t * c]),
                                              logVariance: posterior.cLogVariance.reshaped([b, t * c]))
            lastParts = (Double(nll.item), Double(kl.item), Double(attentionKL.item))
            return nll + kl * weight + attentionKL * attentionWeight
        }
        var hooks = trainingHooks
        hooks.epochStart = { state in weight = schedule.value(at: state.epoch) }
        let trainer = Trainer(TrainingConfiguration(epochs: epochs, batchSize: batchSize), hooks: hooks, model: net)
        net.train()
        let start = Date()
        let history = trainer.fit(DenseRows(data), steps: [step], generator: &shuffle)
        let seconds = Date().timeIntervalSince(start)
        net.eval()
        network = net

        // The Wasserstein score's reference codes: a seeded sample of the training sequences.
        var pick = Xoshiro256StarStar(seed: scoringSeed ^ 0x5EED)
        var rows = Array(0..<train.rows)
        pick.shuffle(&rows)
        rows = Array(rows.prefix(reference)).sorted()
        let (means, deviations) = posteriorCodes(DenseRows(data).batch(rows).x)
        (referenceMeans, referenceDeviations) = (means, deviations)

        summary = String(format: "%d steps × %d features, BiLSTM %d per direction, z %d, c %d; %d epochs × %d batches of %d (%.2f s/epoch); last epoch's loss %.4f (last batch: Laplace NLL %.3f, KL(z) %.3f, KL(c) %.3f); %d reference codes",
                         steps, f, hidden, latent, attention, epochs, (train.rows + batchSize - 1) / batchSize, batchSize,
                         seconds / Double(max(epochs, 1)), history.loss(of: "loss").last ?? .nan,
                         lastParts.nll, lastParts.kl, lastParts.attentionKL, rows.count)
    }

    /// The posterior means and deviations of z, `[rows, d_z]` each, flattened.
    func posteriorCodes(_ x: Tensor) -> ([Float], [Float]) {
        guard let net = network else { return ([], []) }
        var means: [Float] = [], deviations: [Float] = []
        let n = x.shape[0]
        var start = 0
        while start < n {
            let end = min(start + 512, n)
            let posterior = net.inference { net.encode(x.slice(axis: 0, range: start..<end)) }
            means += posterior.zMean.data
            deviations += posterior.zLogVariance.data.map { Foundation.exp($0 / 2) }
            start = end
        }
        return (means, deviations)
    }

    public func scores(_ x: Matrix) throws -> [Double] { try scores(x, variant: score.rawValue) }

    public func scores(_ x: Matrix, variant: String) throws -> [Double] {
        guard let net = network else { throw DataError(.internal, "vrae: not fitted") }
        guard let kind = Score(rawValue: variant) else {
            throw DataError(.usage, "vrae: unknown score '\(variant)'; expected one of: \(scoreVariants.joined(separator: ", "))")
        }
        guard x.columns == steps * stepWidth else {
            throw DataError(.usage, "vrae: fitted on sequences of \(steps * stepWidth) values, asked to score rows of \(x.columns)")
        }
        var noise = Xoshiro256StarStar(seed: scoringSeed)
        var out: [Double] = []
        out.reserveCapacity(x.rows)
        var start = 0
        while start < x.rows {
            let end = min(start + 256, x.rows)
            let part = try sequences(x, rows: start..<end)
            let values: [Float] = net.inference {
                let posterior = net.encode(part)
                switch kind {
                case .error:
                    let (location, _) = net.decode(z: posterior.zMean, c: posterior.cMean)
                    let b = part.shape[0]
                    return (part - location).abs().reshaped([b, part.count / b]).mean(axis: 1).data
                case .probability:
                    var total = [Float](repeating: 0, count: part.shape[0])
                    for _ in 0..<samples {
                        let z = Tensor.reparameterize(mean: posterior.zMean, logVariance: posterior.zLogVariance, generator: &noise)
                        let (location, scale) = net.decode(z: z, c: posterior.cMean)
                        let nll = VRAENetwork.laplaceNegativeLogLikelihood(part, location: location, scale: scale).data
                        for i in total.indices { total[i] += nll[i] }
                    }
                    return total.map { $0 / Float(samples) }
                case .wasserstein:
                    return wassersteinScores(means: posterior.zMean.data,
                                             deviations: posterior.zLogVariance.data.map { Foundation.exp($0 / 2) })
                }
            }
            out += values.map(Double.init)
            start = end
        }
        return out
    }

    /// Per row: the median over the reference codes of `‖μ − μ_j‖² + ‖σ − σ_j‖²`.
    func wassersteinScores(means: [Float], deviations: [Float]) -> [Float] {
        let d = latent
        let n = referenceMeans.count / d
        var distances = [Float](repeating: 0, count: n)
        return (0..<means.count / d).map { r in
            for j in 0..<n {
                var s: Float = 0
                for k in 0..<d {
                    let dm = means[r * d + k] - referenceMeans[j * d + k]
                    let ds = deviations[r * d + k] - referenceDeviations[j * d + k]
                    s += dm * dm + ds * ds
                }
                distances[j] = s
            }
            distances.sort()
            return n % 2 == 1 ? distances[n / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2
        }
    }
}
