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
    /// Builds the detector from its parameters (reading each it knows; defaults otherwise).
    public let make: @Sendable (inout DetectorParameters) throws -> any Detector

    public init(name: String, summary: String, defaultScaling: FeatureScaling, parameters: [ParameterInfo],
                reproducibility: Reproducibility = .portable,
                make: @escaping @Sendable (inout DetectorParameters) throws -> any Detector) {
        self.name = name
        self.summary = summary
        self.defaultScaling = defaultScaling
        self.parameters = parameters
        self.reproducibility = reproducibility
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

/// A detector that reads each row as a sequence: `steps` time steps of `featuresPerStep`
/// values, stored time-major (`x[t0,f0], x[t0,f1], …, x[t1,f0], …`), as the VRAE does.
/// `toolkit detect --windows` sets `featuresPerStep` to the number of value columns of a
/// window before `fit`; nil leaves the detector's own parameter (one value per step for a
/// row-per-sequence dataset such as `ecg5000`).
public protocol ReadsSequences {
    var featuresPerStep: Int? { get set }
}
