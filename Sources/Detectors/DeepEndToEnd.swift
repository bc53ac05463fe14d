import DataIO
import Foundation
import Randomness
import Tensor

/// "Deep end-to-end unsupervised anomaly detection" (ICLR 2020 submission, the fifth paper):
/// an autoencoder trained on a subset of the contaminated training rows that clustering judges
/// normal, the subset re-selected from the autoencoder's own features until it stops changing
/// (the paper's Algorithm 1, with its Table 8 settings for KDD Cup 99):
///
/// 1. initial subset S = C(X, p0): a Gaussian mixture (``GaussianMixture``, full covariances)
///    clusters the input rows; a cluster's variance is the mean over features of its members'
///    variance; clusters whose variance is below the (100 − p0)th percentile of the clusters'
///    variances (numpy's linear rule) are accepted, and S is their members (p0 = 35 %);
/// 2. an autoencoder (encoder `hidden` = 60, 30, 10 with tanh after every layer, mirrored
///    decoder with tanh and a linear output; MSE; Adam, lr 0.001, batches of 1024) trains on S;
/// 3. at every epoch e with (e + 1) mod r = 0 (r = 10) it does not train but re-evaluates every
///    row: z = [code, cos(x, x̂)] (Eq. 5-6), S = C(z, p) with p = 30 %; training stops when S is
///    the same as at the previous re-evaluation, or after `epochs` (200) epochs;
/// 4. score h(x) = 1 − cos(x, x̂) (Eq. 9's cosine reconstruction error, turned so that higher is
///    more anomalous).
///
/// `percentile_over=rows` reads the percentile as one over the rows, each carrying its cluster's
/// variance, and accepts the clusters at or below it: the lowest-variance clusters until they
/// hold about 100 − p % of the rows (``PercentileOver``).
///
/// The mixture has 20 components (`clusters`): the paper's ablation study (§4.4) gives K-means
/// and GMM 20 clusters there because its own GMM uses that many. What the paper leaves open, and
/// the choices made here (parameters): how a cluster's variance is measured (above), where the code
/// layer's activation is (tanh like the hidden layers: "tanh is used" for static data), the
/// reconstruction loss (MSE), and the feature scaling (min-max on the training rows; KDD's raw
/// byte counts would otherwise swamp the cosine). The mixture is fitted on at most `fit_rows`
/// (20,000) rows drawn with the seed, then assigns every row: a full-covariance EM on 200,000
/// rows of 121 features is minutes per fit, on 20,000 seconds.
public struct DeepEndToEndDetector: Detector, ReportsTraining, DescribesFit, UsesTrainingLabels, @unchecked Sendable {
    public var hidden: [Int]
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    /// Percentage of anomalies assumed at the initial selection (accept below the (100 − p0)th percentile).
    public var initialPercent: Double
    /// The same at each re-selection.
    public var percent: Double
    /// Re-evaluate the subset every `period` epochs.
    public var period: Int
    public var clusters: Int
    public var fitRows: Int
    /// What the (100 − p)th percentile is taken over.
    public var percentileOver: PercentileOver
    public var onEpoch: (@Sendable (Int, Int, Double) -> Void)?
    /// The training rows' labels (1 = anomaly), when the dataset has them: only to report how the
    /// subset's anomaly share changes; never used for fitting.
    public var trainingLabels: [Bool]?
    private var network: Sequential?
    /// What happened during the fit, for the summary.
    public private(set) var selections: [Selection] = []
    public private(set) var stoppedBecause = ""

    /// One training subset: when it was chosen, its size and (with labels) its anomaly count.
    /// One cluster of the initial selection (the fit summary lists them).
    public struct Cluster: Sendable, Equatable {
        public var variance: Double
        public var rows: Int
        public var anomalies: Int?
        public var accepted: Bool
    }

    /// The initial selection's clusters, by increasing variance.
    public private(set) var initialClusters: [Cluster] = []

    public struct Selection: Sendable, Equatable {
        public var epoch: Int
        public var rows: Int
        public var anomalies: Int?
    }

    /// The paper's "(100 − p0)th percentile of cluster variance" read two ways: over the clusters
    /// (each cluster one value; clusters strictly below it are accepted), or over the rows (each
    /// row its cluster's variance, so a cluster counts by its size; clusters at or below it are
    /// accepted: the lowest-variance clusters until they hold 100 − p % of the rows or more, give or take a row).
    public enum PercentileOver: String, CaseIterable, Sendable {
        case clusters, rows
    }

    public enum Parameter {
        public static let hidden = DetectorParameter(layers: "hidden", default: [60, 30, 10],
                                                     help: "encoder layer sizes, tanh (the decoder mirrors them)")
        public static let epochs = DetectorParameter(integer: "epochs", default: 200, range: 1...1_000_000, help: "training epochs at most")
        public static let batchSize = DetectorParameter(integer: "batch", default: 1024, range: 1...1_000_000, help: "mini-batch size")
        public static let learningRate = DetectorParameter(number: "lr", default: 1e-3, range: 1e-9...10, help: "Adam learning rate")
        public static let initialPercent = DetectorParameter(
            number: "p0", default: 35, range: 0...100,
            help: "initial selection: accept clusters below the (100 - p0)th variance percentile")
        public static let percent = DetectorParameter(number: "p", default: 30, range: 0...100, help: "re-selection threshold, the same way")
        public static let period = DetectorParameter(integer: "r", default: 10, range: 2...1_000_000,
                                                     help: "re-evaluate the subset every r epochs")
        public static let clusters = DetectorParameter(integer: "clusters", default: 20, range: 2...1000,
                                                       help: "Gaussian mixture components of each selection (the paper's 20)")
        public static let fitRows = DetectorParameter(integer: "fit_rows", default: 20_000, range: 10...100_000_000,
                                                      help: "rows the mixture is fitted on (a seeded sample; all rows are assigned)")
        public static let percentileOver = DetectorParameter(
            choice: "percentile_over", default: PercentileOver.clusters,
            help: "the variance percentile over the clusters (accept those below it) or over the rows (accept clusters up to it)")
    }

    public init(hidden: [Int] = Parameter.hidden.defaultValue, epochs: Int = Parameter.epochs.defaultValue,
                batchSize: Int = Parameter.batchSize.defaultValue, learningRate: Double = Parameter.learningRate.defaultValue,
                initialPercent: Double = Parameter.initialPercent.defaultValue, percent: Double = Parameter.percent.defaultValue,
                period: Int = Parameter.period.defaultValue, clusters: Int = Parameter.clusters.defaultValue,
                fitRows: Int = Parameter.fitRows.defaultValue, percentileOver: PercentileOver = Parameter.percentileOver.defaultValue) {
        self.hidden = hidden
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.initialPercent = initialPercent
        self.percent = percent
        self.period = period
        self.clusters = clusters
        self.fitRows = fitRows
        self.percentileOver = percentileOver
    }

    public static let info = DetectorInfo(
        name: "deep-e2e",
        summary: "Deep end-to-end unsupervised AD: autoencoder on a GMM-selected normal subset, re-selected until stable",
        defaultScaling: .minmax,
        parameters: [Parameter.hidden.info, Parameter.epochs.info, Parameter.batchSize.info, Parameter.learningRate.info,
                     Parameter.initialPercent.info, Parameter.percent.info, Parameter.period.info, Parameter.clusters.info,
                     Parameter.fitRows.info, Parameter.percentileOver.info],
        reproducibility: .machineDependent,
        make: { p in
            DeepEndToEndDetector(hidden: try p.value(Parameter.hidden), epochs: try p.value(Parameter.epochs),
                                 batchSize: try p.value(Parameter.batchSize), learningRate: try p.value(Parameter.learningRate),
                                 initialPercent: try p.value(Parameter.initialPercent), percent: try p.value(Parameter.percent),
                                 period: try p.value(Parameter.period), clusters: try p.value(Parameter.clusters),
                                 fitRows: try p.value(Parameter.fitRows), percentileOver: try p.value(Parameter.percentileOver))
        })

    public var fitSummary: String {
        guard let first = selections.first, let last = selections.last else { return "not fitted" }
        func share(_ s: Selection) -> String {
            s.anomalies.map { String(format: " (%.2f%% anomalies)", 100 * Double($0) / Double(max(s.rows, 1))) } ?? ""
        }
        let path = selections.map { "\($0.rows)" }.joined(separator: " → ")
        let clusters = initialClusters.map { c in
            String(format: "%.2g", c.variance) + ": \(c.rows)" + (c.anomalies.map { " (\($0) anomal\($0 == 1 ? "y" : "ies"))" } ?? "") + (c.accepted ? "" : " rejected")
        }.joined(separator: ", ")
        return "initial subset \(first.rows) rows\(share(first)); \(selections.count - 1) re-selection\(selections.count == 2 ? "" : "s"), "
            + "final \(last.rows) rows\(share(last)); subset sizes \(path); \(stoppedBecause); "
            + "initial clusters by variance: \(clusters)"
    }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        guard train.rows >= clusters else {
            throw DataError(.usage, "deep-e2e: \(train.rows) training rows for \(clusters) clusters; lower --param clusters")
        }
        let labels = trainingLabels.flatMap { $0.count == train.rows ? $0 : nil }
        let describe = { (subset: [Int], epoch: Int) in
            Selection(epoch: epoch, rows: subset.count, anomalies: labels.map { l in subset.reduce(0) { $0 + (l[$1] ? 1 : 0) } })
        }

        // 1. The initial subset from the input rows.
        let initialClustering = try Self.clustering(train, percent: initialPercent, clusters: clusters, fitRows: fitRows,
                                                    over: percentileOver, generator: &generator)
        let initial = initialClustering.chosen
        let initialClusters = Self.clusterSummaries(initialClustering, labels: labels)
        var history = [describe(initial, 0)]

        // 2. The autoencoder: tanh after every layer but the output.
        let sizes = [train.columns] + hidden
        var encoderLayers: [any Layer] = []
        for (a, b) in zip(sizes, sizes.dropFirst()) { encoderLayers += [Linear(a, b, generator: &generator), Activation(.tanh)] }
        var decoderLayers: [any Layer] = []
        let reversed = Array(sizes.reversed())
        for (index, (a, b)) in zip(reversed, reversed.dropFirst()).enumerated() {
            decoderLayers.append(Linear(a, b, generator: &generator))
            if index < reversed.count - 2 { decoderLayers.append(Activation(.tanh)) }
        }
        let encoder = Sequential(encoderLayers), decoder = Sequential(decoderLayers)
        let network = Sequential([encoder, decoder])
        let optimizer = Adam(network.parameters, learningRate: Float(learningRate))
        var batches = Xoshiro256StarStar(seed: generator.next())
        var selecting = Xoshiro256StarStar(seed: generator.next())
        let data = train.tensor()
        let (period, percent, clusters, fitRows, over) = (self.period, self.percent, self.clusters, self.fitRows, self.percentileOver)
        var failure: Error? = nil
        var stopped = "stopped after \(epochs) epochs (the subset still changed)"
        var current = initial
        let hooks = TrainingHooks(epochStart: { state in
            guard (state.epoch + 1) % period == 0 else { state.subset = current; return }
            // 3. Re-evaluate instead of training this epoch.
            network.eval()
            let features = Self.features(data, encoder: encoder, decoder: decoder)
            network.train()
            do {
                let next = try Self.select(features, percent: percent, clusters: clusters, fitRows: fitRows, over: over,
                                           generator: &selecting)
                history.append(describe(next, state.epoch + 1))
                if next == current {
                    stopped = "converged at epoch \(state.epoch + 1) (the subset did not change)"
                    state.stop = true
                }
                current = next
                state.subset = []
            } catch {
                failure = error
                state.stop = true
            }
        }, progress: progressReport)
        let trainer = Trainer(TrainingConfiguration(epochs: epochs, batchSize: batchSize), hooks: hooks)
        network.train()
        trainer.fit(DenseRows(data), steps: [TrainingStep(optimizer: optimizer) { batch in
            Loss.mse(network(batch.x), batch.x)
        }], generator: &batches)
        network.eval()
        if let failure { throw failure }
        selections = history
        stoppedBecause = stopped
        self.initialClusters = initialClusters
        self.network = network
    }

    /// [code, cos(x, x̂)] of every row, as a matrix (Eq. 5).
    static func features(_ data: Tensor, encoder: Sequential, decoder: Sequential) -> Matrix {
        let n = data.shape[0], d = data.shape[1]
        var out: [Double] = []
        var width = 0
        var start = 0
        while start < n {
            let end = min(start + 4096, n)
            let part = Tensor.noGrad { data.gatherRows(Array(start..<end)) }
            let (code, reconstruction) = Tensor.noGrad { () -> (Tensor, Tensor) in
                let code = encoder(part)
                return (code, decoder(code))
            }
            width = code.shape[1]
            let cosine = cosines(part.data, reconstruction.data, rows: end - start, columns: d)
            let codes = code.data
            for r in 0..<(end - start) {
                for c in 0..<width { out.append(Double(codes[r * width + c])) }
                out.append(cosine[r])
            }
            start = end
        }
        return Matrix(rows: n, columns: width + 1, values: out)
    }

    /// cos(x, x̂) per row (0 when either vector is zero).
    static func cosines(_ x: [Float], _ y: [Float], rows: Int, columns: Int) -> [Double] {
        (0..<rows).map { r in
            var dot = 0.0, xx = 0.0, yy = 0.0
            for c in 0..<columns {
                let a = Double(x[r * columns + c]), b = Double(y[r * columns + c])
                dot += a * b; xx += a * a; yy += b * b
            }
            let norm = (xx * yy).squareRoot()
            return norm > 0 ? dot / norm : 0
        }
    }

    /// C(X, p): the rows of the clusters whose variance is below the (100 − p)th percentile of
    /// the clusters' variances (or at most that of the rows', `over: .rows`), in row order.
    static func select(_ x: Matrix, percent: Double, clusters: Int, fitRows: Int, over: PercentileOver = .clusters,
                       generator: inout Xoshiro256StarStar) throws -> [Int] {
        try clustering(x, percent: percent, clusters: clusters, fitRows: fitRows, over: over, generator: &generator).chosen
    }

    /// One selection C(X, p) in full: the chosen rows, each row's cluster, each cluster's
    /// variance (nil when empty) and whether it was accepted.
    struct Clustering {
        var chosen: [Int]
        var assignment: [Int]
        var variances: [Double?]
        var accepted: [Bool]
    }

    static func clustering(_ x: Matrix, percent: Double, clusters: Int, fitRows: Int, over: PercentileOver = .clusters,
                           generator: inout Xoshiro256StarStar) throws -> Clustering {
        let sample = x.subsampled(toAtMost: max(fitRows, clusters), generator: &generator)
        let mixture = try GaussianMixture(fitting: sample, options: GaussianMixture.Options(components: clusters), generator: &generator)
        let assignment = try mixture.assignments(x)
        let variances = clusterVariances(x, assignment: assignment, clusters: clusters)
        var accepted: [Bool]
        switch over {
        case .clusters:
            let threshold = percentile(variances.compactMap { $0 }, 100 - percent)
            accepted = variances.map { v in v.map { $0 < threshold } ?? false }
        case .rows:
            // Every row carries its cluster's variance (an assigned cluster is never empty).
            let threshold = percentile(assignment.map { variances[$0] ?? 0 }, 100 - percent)
            accepted = variances.map { v in v.map { $0 <= threshold } ?? false }
        }
        var chosen = (0..<x.rows).filter { accepted[assignment[$0]] }
        // Every cluster equally spread (or one cluster): nothing is below the percentile; keep all.
        if chosen.isEmpty {
            chosen = Array(0..<x.rows)
            accepted = variances.map { $0 != nil }
        }
        return Clustering(chosen: chosen, assignment: assignment, variances: variances, accepted: accepted)
    }

    /// The initial clustering's clusters, by increasing variance, with their anomalies when the
    /// training labels are known.
    static func clusterSummaries(_ c: Clustering, labels: [Bool]?) -> [Cluster] {
        var rows = [Int](repeating: 0, count: c.variances.count), anomalies = rows
        for (r, k) in c.assignment.enumerated() {
            rows[k] += 1
            if let labels, labels[r] { anomalies[k] += 1 }
        }
        return c.variances.indices.compactMap { k -> Cluster? in
            guard let v = c.variances[k] else { return nil }
            return Cluster(variance: v, rows: rows[k], anomalies: labels == nil ? nil : anomalies[k], accepted: c.accepted[k])
        }.sorted { $0.variance < $1.variance }
    }

    /// The mean over features of the members' variance, per cluster (nil for an empty cluster).
    static func clusterVariances(_ x: Matrix, assignment: [Int], clusters: Int) -> [Double?] {
        var count = [Int](repeating: 0, count: clusters)
        var sum = [Double](repeating: 0, count: clusters * x.columns)
        var square = [Double](repeating: 0, count: clusters * x.columns)
        for r in 0..<x.rows {
            let k = assignment[r]
            count[k] += 1
            for c in 0..<x.columns {
                let v = x.values[r * x.columns + c]
                sum[k * x.columns + c] += v
                square[k * x.columns + c] += v * v
            }
        }
        return (0..<clusters).map { k in
            guard count[k] > 0 else { return nil }
            let n = Double(count[k])
            var total = 0.0
            for c in 0..<x.columns {
                let mean = sum[k * x.columns + c] / n
                total += max(square[k * x.columns + c] / n - mean * mean, 0)
            }
            return total / Double(x.columns)
        }
    }

    /// numpy's `percentile(values, q)` with linear interpolation.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let position = q / 100 * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        guard let network else { throw DataError(.internal, "deep-e2e: not fitted") }
        return blockScores(x) { part in
            let reconstruction = network(part)
            return Self.cosines(part.data, reconstruction.data, rows: part.shape[0], columns: part.shape[1]).map { Float(1 - $0) }
        }
    }
}
