import Datasets
import Randomness

/// An anomaly detector: fit on training rows, then score any rows; **higher score = more
/// anomalous**. Deterministic: all randomness comes from the generator passed to `fit`.
/// Two requirements; everything else (featurizing, the CLI, evaluation) is built around them
/// (as PyOD's `BaseDetector`).
public protocol Detector: Sendable {
    /// Learns from the training matrix.
    mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws
    /// One score per row of `x`.
    func scores(_ x: Matrix) throws -> [Double]
}

/// One tunable parameter of a detector, as `toolkit detectors` lists it.
public struct ParameterInfo: Sendable, Equatable {
    public let name: String
    public let defaultValue: String
    public let help: String
    public init(_ name: String, _ defaultValue: String, _ help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A registry entry: a detector's name, what it does, its parameters and how to build it.
public struct DetectorInfo: Sendable {
    public let name: String
    public let summary: String
    /// The default feature scaling (`none`, `standard`, `minmax`); `--param scale=…` overrides.
    public let defaultScaling: FeatureScaling
    public let parameters: [ParameterInfo]
    /// Whether its scores are the same on other machines (``Reproducibility``).
    public let reproducibility: Reproducibility
    /// How its work grows with the rows (``WorkGrowth``), a scheduling hint for task plans.
    public let work: WorkGrowth
    /// Builds the detector from its parameters (reading each it knows; defaults otherwise).
    public let make: @Sendable (inout DetectorParameters) throws -> any Detector

    public init(name: String, summary: String, defaultScaling: FeatureScaling, parameters: [ParameterInfo],
                reproducibility: Reproducibility = .portable, work: WorkGrowth = .superlinear,
                make: @escaping @Sendable (inout DetectorParameters) throws -> any Detector) {
        self.name = name
        self.summary = summary
        self.defaultScaling = defaultScaling
        self.parameters = parameters
        self.reproducibility = reproducibility
        self.work = work
        self.make = make
    }
}

/// A detector that can say something about how it was fitted (a subsample, a model size),
/// which `toolkit detect` prints and records.
public protocol DescribesFit {
    var fitSummary: String { get }
}

/// A detector that can report what its fit did with the training rows' labels (which rows
/// were anomalies), when the dataset has them. The labels are for the report only: an
/// unsupervised detector must not fit on them.
public protocol UsesTrainingLabels {
    var trainingLabels: [Bool]? { get set }
}

/// A detector that can score the same fitted model in several ways (ALAD's `fm`, `l1`, `l2`,
/// `ch`), so one training run yields every score: `toolkit detect --all-scores` writes each.
public protocol HasScoreVariants {
    /// The variants' names, the default first or not; each is a value of the detector's `score` parameter.
    var scoreVariants: [String] { get }
    /// The scores of `x` by one variant.
    func scores(_ x: Matrix, variant: String) throws -> [Double]
}

/// A detector trained epoch by epoch that can also be scored part-way through its training,
/// with the weights it would score with had it stopped there (`toolkit detect
/// --score-at-epochs`): one run gives the scores after 100, 200 and 300 epochs as well as its
/// own, where separate runs would train 600 epochs more. The training itself is unchanged: the
/// final scores are those of a run without snapshots, and a snapshot after `k` epochs equals the
/// scores of a `k`-epoch run.
public protocol ScoresDuringTraining {
    /// The epochs (1-based, ascending, before the last) after which ``onSnapshot`` is called;
    /// `fit` throws a usage error for one at or past the run's epoch count.
    var snapshotEpochs: [Int] { get set }
    /// Called after each of ``snapshotEpochs`` with the detector as it would score at that
    /// point (valid during the call only: it shares the networks that go on training). An
    /// error it throws ends the training and `fit` throws it.
    var onSnapshot: ((_ epoch: Int, _ model: any Detector) throws -> Void)? { get set }
}

/// A detector that reads each row as a sequence: `steps` time steps of `featuresPerStep`
/// values, stored time-major (`x[t0,f0], x[t0,f1], …, x[t1,f0], …`), as the VRAE does.
/// `toolkit detect --windows` sets `featuresPerStep` to the number of value columns of a
/// window before `fit`; nil leaves the detector's own parameter (one value per step for a
/// row-per-sequence dataset such as `ecg5000`).
public protocol ReadsSequences {
    var featuresPerStep: Int? { get set }
}

/// A detector that reads a dataset's rows as they are (id lists per attribute, in time order)
/// instead of the featurized matrix, as AMAD does; it may also score blocks of consecutive rows.
/// `toolkit detect` calls these in place of ``Detector/fit(_:generator:)`` and
/// ``Detector/scores(_:)``.
public protocol ReadsRecords {
    /// The dataset's rows per block (its recipe's `blocks.size`), set before `fit` when it has one.
    var datasetBlockSize: Int? { get set }
    mutating func fit(records train: DatasetSplit, generator: inout Xoshiro256StarStar) throws
    /// The scores of `split`'s rows and blocks; `followsTraining`: the split comes after the
    /// training rows in time (a test or validation split), so a model with memory carries on.
    func scores(records split: DatasetSplit, followsTraining: Bool) throws -> RecordScores
}

/// What a ``ReadsRecords`` detector gives for a split: one score per row and, when it scores
/// blocks, one per block of `blockSize` consecutive rows (block `k` = rows `k·size ..< (k+1)·size`).
public struct RecordScores: Sendable {
    public var instances: [Double]
    public var blocks: [Double]?
    public var blockSize: Int?

    public init(instances: [Double], blocks: [Double]? = nil, blockSize: Int? = nil) {
        self.instances = instances
        self.blocks = blocks
        self.blockSize = blockSize
    }
}
