/// Parameters of the `ecg_synthetic` generator: ECG5000-like heartbeats (140 samples each)
/// simulated with McSharry et al.'s dynamical ECG model (ECGSYN). See `ECGSyntheticGenerator`
/// for the model and the five classes.
///
///     generator:
///       kind: ecg_synthetic
///       beats:
///         train: 500              # beats drawn for the "TRAIN" part (its anomalous ones dropped)
///         test: 4500              # beats of the test part, every class kept
///       class_weights: [2919, 1767, 96, 194, 24]   # classes 1-5 (ECG5000's counts); exact
///                                 # counts per part by largest remainder; 0 = class absent
///       normal_classes: [1]       # the other classes are anomalies (kind class:N)
///       heart_rate: {min: 60, max: 90}   # beats per minute, uniform per beat
///       noise: 0.03               # measurement noise, standard deviation as a fraction of a
///                                 # normal beat's R-wave height
///       wander: 0.1               # baseline wander amplitude, same unit
///       jitter: 1                 # scale of the per-beat variability of rhythm and morphology
///                                 # (0 = every beat of a class alike but for noise and wander)
public struct ECGSyntheticSpec: GeneratorParameters, Equatable {
    public static let kind = "ecg_synthetic"

    public var beats: Beats
    public var classWeights: [Double]
    public var normalClasses: [Int]
    public var heartRate: HeartRate
    public var noise: Double
    public var wander: Double
    public var jitter: Double

    public struct Beats: Sendable, Equatable, Encodable {
        public var train: Int
        public var test: Int
        public init(train: Int, test: Int) {
            self.train = train
            self.test = test
        }
    }

    public struct HeartRate: Sendable, Equatable, Encodable {
        public var min: Double
        public var max: Double
        public init(min: Double, max: Double) {
            self.min = min
            self.max = max
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(RecipeDouble(min), forKey: .min)
            try c.encode(RecipeDouble(max), forKey: .max)
        }

        private enum Keys: String, CodingKey { case min, max }
    }

    /// The number of classes (ECG5000's: 1 normal, 2 R-on-T PVC, 3 PVC, 4 supraventricular
    /// premature beat, 5 unclassified).
    public static let classCount = 5
    /// ECG5000's class counts (TRAIN and TEST together), the default weights.
    public static let ecg5000ClassCounts: [Double] = [2919, 1767, 96, 194, 24]

    /// The defaults: ECG5000's sizes (its UCR split, 500 + 4500) and class balance.
    public static let ecg5000 = ECGSyntheticSpec(
        beats: Beats(train: 500, test: 4500), classWeights: ecg5000ClassCounts, normalClasses: [1],
        heartRate: HeartRate(min: 60, max: 90), noise: 0.05, wander: 0.15, jitter: 1)

    public init(beats: Beats, classWeights: [Double], normalClasses: [Int], heartRate: HeartRate,
                noise: Double, wander: Double, jitter: Double) {
        self.beats = beats
        self.classWeights = classWeights
        self.normalClasses = normalClasses
        self.heartRate = heartRate
        self.noise = noise
        self.wander = wander
        self.jitter = jitter
    }

    public init(_ node: RecipeNode) throws {
        let d = ECGSyntheticSpec.ecg5000
        let m = try node.mapping(allowed: ["kind", "beats", "class_weights", "normal_classes", "heart_rate", "noise", "wander", "jitter"])
        let b = try m["beats"].mapping(allowed: ["train", "test"])
        beats = Beats(train: try b.value("train", default: d.beats.train) { try $0.int(in: 0...100_000_000) },
                      test: try b.value("test", default: d.beats.test) { try $0.int(in: 1...100_000_000) })
        let weights = try m.value("class_weights", default: d.classWeights) { try $0.list().map { try $0.double(in: 0...1e12) } }
        classWeights = weights
        if weights.count != Self.classCount {
            throw m.error("class_weights", "must list \(Self.classCount) weights (classes 1-5), got \(classWeights.count)")
        }
        let normal = try m.value("normal_classes", default: d.normalClasses) { try $0.list().map { try $0.int(in: 1...5) } }
        normalClasses = normal
        if normal.isEmpty { throw m.error("normal_classes", "must list at least one class") }
        if !normal.contains(where: { weights[$0 - 1] > 0 }) {
            throw m.error("class_weights", "a normal class (\(normal.map(String.init).joined(separator: ", "))) must have a positive weight")
        }
        let h = try m["heart_rate"].mapping(allowed: ["min", "max"])
        heartRate = HeartRate(min: try h.value("min", default: d.heartRate.min) { try $0.double(in: 30...200) },
                              max: try h.value("max", default: d.heartRate.max) { try $0.double(in: 30...200) })
        if heartRate.max < heartRate.min {
            throw m.error("heart_rate.max", "must be at least heart_rate.min (\(RecipeNode.format(heartRate.min))), got \(RecipeNode.format(heartRate.max))")
        }
        noise = try m.value("noise", default: d.noise) { try $0.double(in: 0...1) }
        wander = try m.value("wander", default: d.wander) { try $0.double(in: 0...2) }
        jitter = try m.value("jitter", default: d.jitter) { try $0.double(in: 0...3) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(beats, forKey: .beats)
        try c.encode(classWeights.map(RecipeDouble.init), forKey: .class_weights)
        try c.encode(normalClasses, forKey: .normal_classes)
        try c.encode(heartRate, forKey: .heart_rate)
        try c.encode(RecipeDouble(noise), forKey: .noise)
        try c.encode(RecipeDouble(wander), forKey: .wander)
        try c.encode(RecipeDouble(jitter), forKey: .jitter)
    }

    private enum Keys: String, CodingKey { case kind, beats, class_weights, normal_classes, heart_rate, noise, wander, jitter }
}
